// Notifications to bidders and followers. A state change writes one event item here in the same
// transaction as the change (an outbox); the notifier, reading this table's stream, fans it out to
// each recipient's inbox and logs it. On AWS the same stream is where an EventBridge pipe or a
// topic would attach: the function catalog grants tables, buckets, queues and keys, not buses.
//
//   TENDER#<tenderId>   EVENT#<eventId>   the event (outbox)
//   FOLLOWERS#<tenderId> <sub>           someone following the tender
//   INBOX#<recipient>   <eventId>        a delivered notification; recipient is a user sub or ORG#<id>
import { resources } from '../config/settings.ts';
import type { TransactItem } from '../db/audited-write.ts';
import { followerEntity, inboxEntity, organisationRecipientEntity, outboxEntity } from '../entities/audit.ts';
import { ulid } from '../runtime/ids.ts';

export type NotificationType =
  | 'tender.opened'
  | 'bids.confirmation-required'
  | 'tender.no-bids'
  | 'tender.deadline-extended'
  | 'tender.unsuccessful'
  | 'tender.financial-opened'
  | 'award.made'
  | 'complaint.filed'
  | 'complaint.answered'
  | 'contract.recorded';

export interface NotificationEvent {
  readonly eventId: string;
  readonly type: NotificationType;
  readonly tenderId: string;
  readonly title: string;
  readonly at: string;
  readonly message: string;
  /** Who hears of it: the tender's bidders and followers, and optionally named others. */
  readonly audience: {
    readonly bidders: boolean;
    readonly followers: boolean;
    /** The buyer organisation's inbox (ORG#<id>). */
    readonly organisationId?: string;
    readonly contractorIds?: readonly string[];
  };
}

export const outboxKey = (tenderId: string, eventId: string) => outboxEntity.key({ tenderId, eventId });
export const followerKey = (tenderId: string, sub: string) => followerEntity.key({ tenderId, sub });
export const inboxPk = (recipient: string) => inboxEntity.pk({ recipient });
export const organisationRecipient = (organisationId: string) =>
  organisationRecipientEntity.pk({ organisationId });

export function notificationPut(event: Omit<NotificationEvent, 'eventId'>): TransactItem {
  const eventId = ulid(Date.parse(event.at));
  return {
    Put: {
      TableName: resources.table('notifications'),
      Item: { ...outboxKey(event.tenderId, eventId), kind: 'event', eventId, ...event },
    },
  };
}

// Delivers an outbox event: resolves its audience (the tender's bidders through their contractor
// accounts, its followers, named contractors, the buyer organisation) and writes one inbox item
// per recipient, keyed by the event, so a redelivered event rewrites the same items. Bidders are
// known from the opening minutes only: before, bids are stored under pseudonyms.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { batchGetAll, queryAll } from '../../shared/db/read-all.ts';
import { followerEntity } from '../../shared/entities/audit.ts';
import { inboxPk, type NotificationEvent, organisationRecipient } from '../../shared/notifications/outbox.ts';
import { revealedBidders } from '../../shared/opening/revealed-bidders.ts';
import { contractorKey } from '../../shared/parties/contractor-store.ts';
import { logger } from '../../shared/runtime/logger.ts';

async function ownersOf(contractorIds: readonly string[]): Promise<string[]> {
  const keys = [...new Set(contractorIds)].map(contractorKey);
  const found = await batchGetAll(resources.table('parties'), keys, { projection: 'ownerSub' });
  return found.flatMap((item) => (item.ownerSub ? [String(item.ownerSub)] : []));
}

export async function recipientsOf(event: NotificationEvent): Promise<string[]> {
  const { audience, tenderId } = event;
  const contractorIds = [...(audience.contractorIds ?? [])];
  if (audience.bidders) contractorIds.push(...(await revealedBidders(tenderId)).map((b) => b.contractorId));
  const recipients = new Set(await ownersOf(contractorIds));
  if (audience.followers) {
    for (const follower of await queryAll(
      resources.table('notifications'),
      followerEntity.pk({ tenderId }),
    )) {
      recipients.add(String(follower.sk));
    }
  }
  if (audience.organisationId) recipients.add(organisationRecipient(audience.organisationId));
  return [...recipients].sort();
}

export async function fanOut(event: NotificationEvent): Promise<number> {
  const recipients = await recipientsOf(event);
  const table = resources.table('notifications');
  const { eventId, type, tenderId, title, at, message } = event;
  const shown = { eventId, type, tenderId, title, at, message };
  for (let i = 0; i < recipients.length; i += 25) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] =
      recipients.slice(i, i + 25).map((recipient) => ({
        PutRequest: { Item: { ...shown, pk: inboxPk(recipient), sk: eventId, kind: 'inbox', recipient } },
      }));
    while (requests.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = result.UnprocessedItems?.[table] ?? [];
    }
  }
  // The visible stream locally, and the log line an operator greps on AWS.
  logger.info('notification delivered', {
    notification: {
      type: event.type,
      tenderId: event.tenderId,
      eventId: event.eventId,
      message: event.message,
    },
    recipients: recipients.length,
  });
  return recipients.length;
}

// The audit table's event items, and the notifications table's outbox, followers and inboxes.
import { defineEntity } from './define-entity.ts';

export const auditEventEntity = defineEntity({
  table: 'audit',
  description: 'an audit event, written in the same transaction as its change',
  pk: 'EVT#{eventId}',
  sk: 'EVENT',
});

export const outboxEntity = defineEntity({
  table: 'notifications',
  description: 'a notification event (outbox), fanned out from the stream',
  pk: 'TENDER#{tenderId}',
  sk: 'EVENT#{eventId}',
});

export const followerEntity = defineEntity({
  table: 'notifications',
  description: 'someone following a tender',
  pk: 'FOLLOWERS#{tenderId}',
  sk: '{sub}',
});

export const inboxEntity = defineEntity({
  table: 'notifications',
  description: "a delivered notification; the recipient is a user sub or an organisation's",
  pk: 'INBOX#{recipient}',
  sk: '{eventId}',
});

/** An organisation's inbox recipient (INBOX#ORG#<id>). */
export const organisationRecipientEntity = defineEntity({
  table: 'notifications',
  description: 'an organisation as a notification recipient',
  pk: 'ORG#{organisationId}',
  sk: '',
});

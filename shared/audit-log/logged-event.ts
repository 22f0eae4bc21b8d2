// The exact event that is logged: the audit event's own fields, taken from its stored item. The
// item's index attributes (pk, sk, objectKey, actorKey) are storage, not testimony, so they are
// left out of the hashed entry; everything the event carries is kept as stored.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';

const storageAttributes = new Set(['pk', 'sk', 'objectKey', 'actorKey']);

export function eventFromItem(item: Record<string, unknown>): AuditEvent {
  const event = Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name)));
  if (typeof event.eventId !== 'string' || typeof event.at !== 'string') {
    throw new TypeError('an audit item without eventId and at cannot be logged');
  }
  return event as unknown as AuditEvent;
}

// The DynamoDB Streams SDK client (3.1141) reads an empty map `{"M":{}}` as `{}`, dropping the
// type; the local stream poller goes through it (Lambda hands over the JSON as sent). `{}` is no
// valid attribute value, so reading it back as the empty map is unambiguous, and it matters:
// `{}` and `[]` hash differently.
function repairEmptyMaps(value: AttributeValue): AttributeValue {
  const record = value as unknown as Record<string, unknown>;
  if (Object.keys(record).length === 0) return { M: {} };
  if (value.M) return { M: repairImage(value.M) };
  if (value.L) return { L: value.L.map(repairEmptyMaps) };
  return value;
}

const repairImage = (image: Record<string, AttributeValue>) =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repairEmptyMaps(value)]));

/** A stream record's NEW_IMAGE (DynamoDB JSON) as a logged event. */
export function eventFromImage(image: Record<string, AttributeValue>): AuditEvent {
  return eventFromItem(unmarshall(repairImage(image)));
}

/** Deterministic order inside a batch: ULIDs sort by time first, then by their random part. */
export const byEventId = (a: AuditEvent, b: AuditEvent) =>
  a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;

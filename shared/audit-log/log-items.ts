// The log table's items for one entry, shared by the sequencer and the rebuild so both write the
// same thing.
import type { AuditEvent } from '../audit/audit-event.ts';
import { actionPartition, allEntriesPartition, entryKey, eventKey } from './log-keys.ts';

export function entryItem(seq: number, event: AuditEvent, leafHash: string, integratedAt: string) {
  return {
    ...entryKey(seq),
    seq,
    eventId: event.eventId,
    event,
    leafHash,
    integratedAt,
    // Oversight indexes (see tables.ts): by action, and by time alone.
    gsi1pk: actionPartition(event.action),
    gsi1sk: `${event.at}#${event.eventId}`,
    gsi2pk: allEntriesPartition,
    gsi2sk: `${event.at}#${event.eventId}`,
  };
}

export function eventItem(seq: number, event: AuditEvent, leafHash: string, integratedAt: string) {
  return { ...eventKey(event.eventId), seq, leafHash, at: event.at, integratedAt };
}

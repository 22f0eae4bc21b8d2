// A tender's audit events once it is opened: the events that name it (audit.byTender) and the bid
// events its opening minutes reveal (which named it only through a commitment before the
// deadline, so the index cannot hold them). Both are merged by time, oldest first, page by page:
// the byTender page as DynamoDB returns it, the revealed events (read whole: a tender's bid
// versions number in hundreds) interleaved where their `at` falls.
import type { AuditEvent } from '../audit/audit-event.ts';
import { batchGetAll } from '../db/read-all.ts';
import { auditEventEntity } from '../entities/audit.ts';
import { type EventQuery, type QueriedEvent, queryEvents } from './event-query.ts';
import type { LogLocation } from './log-location.ts';
import { eventLocations } from './log-reader.ts';
import { eventFromItem } from './logged-event.ts';

/** Where a merged listing stands: the byTender page key, and how many revealed events were given. */
export interface TenderEventsPosition {
  /** The byTender key to resume after; absent on the first page. */
  readonly key?: Record<string, unknown>;
  /** True once byTender has nothing more. */
  readonly directDone?: boolean;
  readonly revealed?: number;
}

export interface TenderEventsPage {
  readonly items: QueriedEvent[];
  /** Absent when nothing more is left. */
  readonly next?: TenderEventsPosition;
}

const matches = (query: EventQuery, e: AuditEvent) =>
  (query.actor === undefined || e.actor.sub === query.actor) &&
  (query.action === undefined || e.action === query.action) &&
  (query.objectType === undefined || e.object.type === query.objectType) &&
  (query.objectId === undefined || e.object.id === query.objectId) &&
  (query.from === undefined || e.at >= new Date(query.from).toISOString()) &&
  (query.to === undefined || e.at < new Date(query.to).toISOString());

const byTime = (a: AuditEvent, b: AuditEvent) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;

/** The revealed events as stored in the audit table, filtered and in time order, with their log place. */
async function revealedEvents(
  query: EventQuery,
  revealed: readonly string[],
  tables: { readonly audit: string; readonly log: LogLocation },
): Promise<QueriedEvent[]> {
  const ids = [...new Set(revealed)];
  const items = await batchGetAll(
    tables.audit,
    ids.map((eventId) => auditEventEntity.key({ eventId })),
  );
  const events = items
    .map(eventFromItem)
    .filter((e) => matches(query, e))
    .sort(byTime);
  const logged = await eventLocations(
    tables.log,
    events.map((e) => e.eventId),
  );
  return events.map((event) => {
    const where = logged.get(event.eventId);
    return where ? { ...event, seq: where.seq, integratedAt: where.integratedAt } : event;
  });
}

// The byTender index key of an item, to resume right after it (a GSI page key holds both keys).
const indexKey = (e: AuditEvent) => ({ ...auditEventEntity.key(e), tenderId: e.tenderId, at: e.at });

export async function queryTenderEvents(
  query: EventQuery & { readonly tenderId: string },
  revealed: readonly string[],
  tables: { readonly audit: string; readonly log: LogLocation },
  position: TenderEventsPosition = {},
): Promise<TenderEventsPage> {
  const known = await revealedEvents(query, revealed, tables);
  const pending = known.slice(position.revealed ?? 0);
  const direct = position.directDone
    ? { items: [] as QueriedEvent[], lastKey: undefined }
    : await queryEvents(query, tables, position.key);
  // Revealed events may be given up to where the byTender page stopped; all once it is exhausted.
  const boundary = direct.lastKey ? String(direct.lastKey.at) : undefined;
  const items: QueriedEvent[] = [];
  let d = 0;
  let r = 0;
  while (items.length < query.limit) {
    const nextDirect = direct.items[d];
    const nextRevealed = pending[r];
    const revealedFits =
      nextRevealed !== undefined &&
      (nextDirect ? nextRevealed.at < nextDirect.at : boundary === undefined || nextRevealed.at <= boundary);
    if (revealedFits) {
      items.push(nextRevealed);
      r++;
    } else if (nextDirect) {
      items.push(nextDirect);
      d++;
    } else break;
  }
  const givenRevealed = (position.revealed ?? 0) + r;
  let next: TenderEventsPosition | undefined;
  if (d < direct.items.length) {
    // Cut inside the byTender page: resume after its last item given (or where this page began).
    const last = direct.items[d - 1];
    next = {
      ...(last ? { key: indexKey(last) } : position.key ? { key: position.key } : {}),
      revealed: givenRevealed,
    };
  } else if (direct.lastKey) {
    next = { key: direct.lastKey, revealed: givenRevealed };
  } else if (givenRevealed < known.length) {
    next = { directDone: true, revealed: givenRevealed };
  }
  return { items, ...(next ? { next } : {}) };
}

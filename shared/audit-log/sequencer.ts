// Integrates audit events into the log, off the request path. Any number of sequencers may run at
// once (several stream pollers, a retried batch, a crashed instance's successor): the head is
// replaced only under `size = :old`, so exactly one of two racing appends commits and the other
// re-reads and retries; the event → seq item is written with attribute_not_exists, so an event
// that another sequencer already logged can never be logged twice, even in a race.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';
import { settings } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import { entryBytes, leafHash, toBase64 } from '../tlog/index.ts';
import { flushBatch } from './entry-objects.ts';
import type { LogHead } from './log-head.ts';
import { headItem, readHead } from './log-head.ts';
import { entryItem, eventItem } from './log-items.ts';
import { eventKey, tileKey, unflushedKey } from './log-keys.ts';
import type { LogLocation } from './log-location.ts';
import { byEventId } from './logged-event.ts';
import type { FullTile } from './tiles.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// TransactWriteItems takes 100 items and 4 MB: two items per event plus the head, the batch
// marker and at most a few completed tiles, and events up to 400 KB each.
const MAX_BATCH_EVENTS = 45;
const MAX_BATCH_BYTES = 2_000_000;
const MAX_ATTEMPTS = 60;

export interface IntegratedEntry {
  readonly eventId: string;
  readonly seq: number;
  readonly at: string;
  readonly integratedAt: string;
}

export interface IntegrationResult {
  /** Entries this call appended. */
  readonly appended: readonly IntegratedEntry[];
  /** Events already in the log (integrated earlier, or by a concurrent sequencer). */
  readonly alreadyLogged: number;
  /** Commits lost to a concurrent sequencer and retried. */
  readonly conflicts: number;
  readonly size: number;
}

/** Events (of those given) that have no event → seq item yet. */
async function notYetLogged(location: LogLocation, events: readonly AuditEvent[]): Promise<AuditEvent[]> {
  const logged = new Set<string>();
  for (let i = 0; i < events.length; i += 100) {
    let keys: Record<string, unknown>[] = events.slice(i, i + 100).map((e) => eventKey(e.eventId));
    for (let round = 0; keys.length > 0; round++) {
      const result = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [location.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk' },
          },
        }),
      );
      for (const item of result.Responses?.[location.table] ?? []) logged.add(String(item.pk).slice(4));
      keys = (result.UnprocessedKeys?.[location.table]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length > 0) await backoff(round);
    }
  }
  return events.filter((e) => !logged.has(e.eventId));
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface PreparedEntry {
  readonly event: AuditEvent;
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly leafHash: Uint8Array;
}

function takeBatch(events: readonly AuditEvent[], firstSeq: number): PreparedEntry[] {
  const batch: PreparedEntry[] = [];
  let bytes = 0;
  for (const event of events) {
    const seq = firstSeq + batch.length;
    const entry = entryBytes(seq, event);
    if (
      batch.length > 0 &&
      (batch.length >= MAX_BATCH_EVENTS || bytes + entry.byteLength > MAX_BATCH_BYTES)
    ) {
      break;
    }
    bytes += entry.byteLength;
    batch.push({ event, seq, bytes: entry, leafHash: leafHash(entry) });
  }
  return batch;
}

function commitItems(
  location: LogLocation,
  oldSize: number,
  next: LogHead,
  batch: readonly PreparedEntry[],
  tiles: readonly FullTile[],
  integratedAt: string,
): TransactItem[] {
  const TableName = location.table;
  const first = (batch[0] as PreparedEntry).seq;
  return [
    {
      Put: {
        TableName,
        Item: headItem(next),
        ...(oldSize === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#size = :size',
              ExpressionAttributeNames: { '#size': 'size' },
              ExpressionAttributeValues: { ':size': oldSize },
            }),
      },
    },
    ...batch.flatMap((entry): TransactItem[] => {
      const hash = toBase64(entry.leafHash);
      return [
        {
          Put: {
            TableName,
            Item: eventItem(entry.seq, entry.event, hash, integratedAt),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName,
            Item: entryItem(entry.seq, entry.event, hash, integratedAt),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
    }),
    ...tiles.map(
      (tile): TransactItem => ({
        Put: { TableName, Item: { ...tileKey(tile.level, tile.index), hashes: tile.hashes } },
      }),
    ),
    { Put: { TableName, Item: { ...unflushedKey(first), first, end: first + batch.length, integratedAt } } },
  ];
}

/** True when the transaction lost a race (head moved, or an event was logged meanwhile). */
function lostRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
    )
  );
}

/**
 * Appends the given events that are not in the log yet, in event id order, and returns where each
 * landed. Idempotent: calling it again with the same events appends nothing.
 *
 * Under a submission surge this runs back to back on full stream batches, and the integration
 * delay receipts promise is mostly its round trips, so each batch after the first costs one: the
 * events already logged are looked up once for the whole call (again only after a lost race, when
 * a concurrent sequencer may have logged some); the head a commit wrote is the head the next batch
 * builds on (the next commit's `size = :old` condition still catches a concurrent append); and a
 * committed batch is written to the bucket while the next one commits, all awaited before return.
 */
export async function integrate(
  location: LogLocation,
  events: readonly AuditEvent[],
): Promise<IntegrationResult> {
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()].sort(byEventId);
  const appended: IntegratedEntry[] = [];
  let conflicts = 0;
  let size = 0;
  // Optimistically all new: a logged event makes the commit lose (its event item exists), and only
  // then are the logged ones looked up. The stream hands each event over once, bar retries.
  let remaining = unique;
  let alreadyLogged = 0;
  // The head as this call last committed it; re-read after a lost race (and at the start).
  let known: LogHead | undefined;
  const flushes: Promise<void>[] = [];
  for (let attempt = 0; remaining.length > 0; ) {
    // Appending to its border and tiles in place is safe: a head is only ever built on once, by
    // the commit that replaces it, or dropped when that commit loses.
    const head = known ?? (await readHead(location.table));
    known = undefined;
    const batch = takeBatch(remaining, head.size);
    const tiles: FullTile[] = [];
    const { range, tiles: tileState } = head;
    for (const entry of batch) {
      range.append(entry.leafHash);
      tiles.push(...tileState.append(entry.leafHash));
    }
    const integratedAt = clock.iso();
    const nextHead: LogHead = {
      size: head.size + batch.length,
      rootHash: range.root(),
      range,
      tiles: tileState,
      integratedAt,
    };
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: commitItems(location, head.size, nextHead, batch, tiles, integratedAt),
        }),
      );
    } catch (error) {
      if (!lostRace(error) || ++attempt >= MAX_ATTEMPTS) throw error;
      conflicts += 1;
      await backoff(attempt);
      const fresh = await notYetLogged(location, remaining);
      alreadyLogged += remaining.length - fresh.length;
      remaining = fresh;
      continue;
    }
    known = nextHead;
    size = nextHead.size;
    remaining = remaining.slice(batch.length);
    for (const entry of batch) {
      appended.push({ eventId: entry.event.eventId, seq: entry.seq, at: entry.event.at, integratedAt });
      const delayMs = Date.parse(integratedAt) - Date.parse(entry.event.at);
      if (delayMs > settings.MAX_INTEGRATION_DELAY_SECONDS * 1000) {
        logger.warn('audit event integrated later than receipts promise', {
          eventId: entry.event.eventId,
          delayMs,
          promisedMs: settings.MAX_INTEGRATION_DELAY_SECONDS * 1000,
        });
      }
    }
    // The batch is committed; writing it to the bucket may fail and be redone by anyone later.
    flushes.push(
      flushBatch(location, {
        first: (batch[0] as PreparedEntry).seq,
        end: nextHead.size,
        integratedAt,
        lines: batch.map((e) => e.bytes),
      }).catch((error: unknown) => {
        logger.warn('could not write a committed batch to the log bucket yet', { error: error as Error });
      }),
    );
  }
  await Promise.all(flushes);
  return { appended, alreadyLogged, conflicts, size };
}

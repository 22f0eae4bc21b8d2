// Reading the log table: entries by sequence number, and where an event landed.
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';
import { db } from '../db/client.ts';
import { storedObjectMissing } from '../storage/missing-object.ts';
import { ENTRIES_PER_PARTITION, entryKey, entryPartition, eventIdOf, eventKey } from './log-keys.ts';
import type { LogLocation } from './log-location.ts';

export interface LogEntry {
  readonly seq: number;
  readonly event: AuditEvent;
  /** base64 RFC 9162 leaf hash of the entry bytes. */
  readonly leafHash: string;
  readonly integratedAt: string;
}

export interface EventLocation {
  readonly eventId: string;
  readonly seq: number;
  readonly leafHash: string;
  readonly at: string;
  readonly integratedAt: string;
}

const toEntry = (item: Record<string, unknown>): LogEntry => ({
  seq: item.seq as number,
  event: item.event as AuditEvent,
  leafHash: item.leafHash as string,
  integratedAt: item.integratedAt as string,
});

export async function readEntry(location: LogLocation, seq: number): Promise<LogEntry | undefined> {
  const result = await db.send(new GetCommand({ TableName: location.table, Key: entryKey(seq) }));
  return result.Item ? toEntry(result.Item) : undefined;
}

async function readPartition(table: string, partition: number, first: number, end: number) {
  const items: LogEntry[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':pk': entryPartition(partition * ENTRIES_PER_PARTITION),
          ':lo': entryKey(first).sk,
          ':hi': entryKey(end - 1).sk,
        },
        ConsistentRead: true,
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []).map(toEntry));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}

/** Entries [first, end) in order; partitions are read a few at a time in parallel. */
export async function readEntries(
  location: LogLocation,
  first: number,
  end: number,
  onProgress?: (read: number) => void,
): Promise<LogEntry[]> {
  if (end <= first) return [];
  const partitions: number[] = [];
  for (let p = Math.floor(first / ENTRIES_PER_PARTITION); p * ENTRIES_PER_PARTITION < end; p++)
    partitions.push(p);
  const results: LogEntry[][] = new Array(partitions.length);
  let read = 0;
  let next = 0;
  const worker = async () => {
    while (next < partitions.length) {
      const i = next++;
      const p = partitions[i] as number;
      const lo = Math.max(first, p * ENTRIES_PER_PARTITION);
      const hi = Math.min(end, (p + 1) * ENTRIES_PER_PARTITION);
      results[i] = await readPartition(location.table, p, lo, hi);
      read += hi - lo;
      onProgress?.(read);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, partitions.length) }, worker));
  const entries = results.flat();
  entries.forEach((entry, i) => {
    if (entry.seq !== first + i) throw storedObjectMissing('audit log entry', `entry ${first + i}`);
  });
  if (entries.length !== end - first)
    throw storedObjectMissing('audit log entries', `entries [${first}, ${end})`);
  return entries;
}

export async function eventLocation(
  location: LogLocation,
  eventId: string,
): Promise<EventLocation | undefined> {
  const result = await db.send(new GetCommand({ TableName: location.table, Key: eventKey(eventId) }));
  const item = result.Item;
  if (!item) return undefined;
  return {
    eventId,
    seq: item.seq as number,
    leafHash: item.leafHash as string,
    at: item.at as string,
    integratedAt: item.integratedAt as string,
  };
}

/** Where each of these events landed, for those that are logged. */
export async function eventLocations(
  location: LogLocation,
  eventIds: readonly string[],
): Promise<Map<string, EventLocation>> {
  const found = new Map<string, EventLocation>();
  for (let i = 0; i < eventIds.length; i += 100) {
    let keys: Record<string, unknown>[] = [...new Set(eventIds.slice(i, i + 100))].map(eventKey);
    while (keys.length > 0) {
      const result = await db.send(
        new BatchGetCommand({ RequestItems: { [location.table]: { Keys: keys } } }),
      );
      for (const item of result.Responses?.[location.table] ?? []) {
        const eventId = eventIdOf(String(item.pk));
        found.set(eventId, {
          eventId,
          seq: item.seq as number,
          leafHash: item.leafHash as string,
          at: item.at as string,
          integratedAt: item.integratedAt as string,
        });
      }
      keys = (result.UnprocessedKeys?.[location.table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

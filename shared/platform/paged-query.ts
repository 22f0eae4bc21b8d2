// Pages over DynamoDB queries with filters. A filtered Query can return fewer matches than its
// Limit (even none) while more remain; these helpers keep querying until the page is full. The
// position travels in the request's authenticated cursor (shared/http/cursor.ts), which binds it
// to the route, filters and caller it was issued for.
import * as z from 'zod';
import type { StoredKey } from '../db/key-schema.ts';
import type { Cursors } from './cursors.ts';

export type Key = Record<string, unknown>;

export interface Position {
  /** Which of several index partitions the page continues in. */
  readonly part: number;
  readonly key: Key | undefined;
}

/** The position a cursor holds: a partition below `parts` and, within it, a key of `key`'s shape. */
export async function decodePosition(
  cursors: Cursors,
  key: z.ZodType<StoredKey>,
  parts = 1,
): Promise<Position> {
  const schema = z.strictObject({
    p: z
      .int()
      .min(0)
      .max(parts - 1),
    k: key.optional(),
  });
  const position = await cursors.read(schema);
  return position ? { part: position.p, key: position.k } : { part: 0, key: undefined };
}

export function encodePosition(
  cursors: Cursors,
  position: Position | undefined,
): Promise<string | undefined> {
  if (!position) return Promise.resolve(undefined);
  return cursors.issue({ p: position.part, ...(position.key ? { k: position.key as StoredKey } : {}) });
}

export interface QueryPage<T> {
  readonly items: T[];
  readonly lastKey: Key | undefined;
}

/**
 * Fills a page of `limit` items from consecutive partitions, each queried from its start key.
 * Each Query is limited to the items still wanted, so every item it evaluated is returned or
 * filtered out, and its LastEvaluatedKey is an exact place to resume.
 */
export async function fillPage<T>(
  limit: number,
  start: Position,
  parts: number,
  query: (part: number, limit: number, startKey: Key | undefined) => Promise<QueryPage<T>>,
  maxQueries = 10,
): Promise<{ items: T[]; next: Position | undefined }> {
  const items: T[] = [];
  let part = start.part;
  let key = start.key;
  for (let round = 0; part < parts && items.length < limit; round++) {
    if (round === maxQueries) return { items, next: { part, key } };
    const page = await query(part, limit - items.length, key);
    items.push(...page.items);
    key = page.lastKey;
    if (!key) part++;
  }
  return { items, next: part < parts ? { part, key } : undefined };
}

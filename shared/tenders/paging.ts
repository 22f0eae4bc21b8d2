// Pages over DynamoDB queries with filters. A filtered Query can return fewer matches than its
// Limit (even none) while more remain; these helpers keep querying until the page is full and
// tie each cursor to the filters it was issued for.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { invalidField } from '../http/problem.ts';

export type Key = Record<string, unknown>;

export interface Position {
  /** Which of several index partitions the page continues in. */
  readonly part: number;
  readonly key: Key | undefined;
}

const fingerprint = (scope: unknown) =>
  createHash('sha256').update(canonicalJson(scope)).digest('base64url').slice(0, 16);

export function encodePosition(scope: unknown, position: Position | undefined): string | undefined {
  if (!position) return undefined;
  return encodeCursor({
    f: fingerprint(scope),
    p: position.part,
    ...(position.key ? { k: position.key } : {}),
  });
}

/** Refuses a cursor issued for other filters: its key could lie outside this query's range. */
export function decodePosition(cursor: string | undefined, scope: unknown): Position {
  const value = decodeCursor(cursor);
  if (!value) return { part: 0, key: undefined };
  const { f, p, k } = value as { f?: unknown; p?: unknown; k?: unknown };
  if (f !== fingerprint(scope)) throw invalidField('query.cursor', 'was issued for other filters');
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    throw invalidField('query.cursor', 'is not a cursor this API issued');
  }
  if (k !== undefined && (typeof k !== 'object' || k === null || Array.isArray(k))) {
    throw invalidField('query.cursor', 'is not a cursor this API issued');
  }
  return { part: p, key: k as Key | undefined };
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

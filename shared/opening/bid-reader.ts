// The bids an opening reads: every bidder's current pointer on the tender (bid-records.ts),
// active ones only (a withdrawal leaves nothing to open), with the bid version each points at.
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bidKeys, type CurrentBidPointer } from '../bids/bid-records.ts';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import type { TwoEnvelopeBidRecord } from './two-envelope.ts';

export interface BidCandidate {
  readonly pointer: CurrentBidPointer;
  readonly record: TwoEnvelopeBidRecord | undefined;
}

export async function listCurrentPointers(tenderId: string): Promise<CurrentBidPointer[]> {
  const pointers: CurrentBidPointer[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: resources.table('bids'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :current)',
        ExpressionAttributeValues: {
          ':pk': bidKeys.current(tenderId, '', '').pk,
          ':current': bidKeys.currentPrefix,
        },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    pointers.push(...((page.Items ?? []) as CurrentBidPointer[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return pointers;
}

export async function loadBidCandidates(
  tenderId: string,
  include: (pointer: CurrentBidPointer) => boolean = () => true,
): Promise<BidCandidate[]> {
  const pointers = (await listCurrentPointers(tenderId)).filter((p) => p.status === 'active' && include(p));
  const table = resources.table('bids');
  const records = new Map<string, TwoEnvelopeBidRecord>();
  const batches: CurrentBidPointer[][] = [];
  for (let i = 0; i < pointers.length; i += 100) batches.push(pointers.slice(i, i + 100));
  await Promise.all(
    batches.map(async (batch) => {
      let keys: Record<string, unknown>[] = batch.map((p) =>
        bidKeys.version(tenderId, p.lotId, p.bidderRef, p.version),
      );
      while (keys.length > 0) {
        const result = await db.send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[table] ?? [])
          records.set(`${item.pk}|${item.sk}`, item as TwoEnvelopeBidRecord);
        keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }),
  );
  return pointers.map((pointer) => {
    const key = bidKeys.version(tenderId, pointer.lotId, pointer.bidderRef, pointer.version);
    return { pointer, record: records.get(`${key.pk}|${key.sk}`) };
  });
}

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Runs the functions given to it with at most `limit` in flight, in the order they were given. */
export function limiter(limit: number): <R>(work: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <R>(work: () => Promise<R>): Promise<R> => {
    // A finishing task hands its slot straight to the next waiting one.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

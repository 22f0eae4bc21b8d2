// Reads that DynamoDB answers in parts: every page of a query, every key of a batch get (100 keys
// a request, unprocessed keys asked again). One copy, so each caller states only what it reads.
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client.ts';

type Item = Record<string, unknown>;

/** Every item of partition `pk` (whose sort key starts with `prefix`, if given), all pages. */
export function queryAll(
  table: string,
  pk: string,
  options: { readonly prefix?: string; readonly consistent?: boolean } = {},
): Promise<Item[]> {
  return queryEvery({
    TableName: table,
    KeyConditionExpression: options.prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(options.prefix ? { ':prefix': options.prefix } : {}) },
    ...(options.consistent ? { ConsistentRead: true } : {}),
  });
}

/** Every item a query (of a table or an index) matches, all pages. */
export async function queryEvery(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The items of `keys` that exist, in no particular order; all batches at once. */
export async function batchGetAll(
  table: string,
  keys: readonly Item[],
  options: { readonly consistent?: boolean; readonly projection?: string } = {},
): Promise<Item[]> {
  const batches: Item[][] = [];
  for (let i = 0; i < keys.length; i += 100) batches.push(keys.slice(i, i + 100));
  const found: Item[] = [];
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      while (pending.length > 0) {
        const result = await db.send(
          new BatchGetCommand({
            RequestItems: {
              [table]: {
                Keys: pending,
                ...(options.consistent ? { ConsistentRead: true } : {}),
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
              },
            },
          }),
        );
        found.push(...(result.Responses?.[table] ?? []));
        pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
      }
    }),
  );
  return found;
}

/**
 * Every item of partition `pk` whose sort key starts with `prefix`, read as parallel queries over
 * consecutive sort-key ranges split at `splits` (strings that begin with `prefix`): one query pages
 * through a large partition one megabyte at a time, these do it side by side. The ranges share
 * their ends (BETWEEN is inclusive) and cover the whole prefix, so nothing is missed; an item on a
 * shared end is kept once.
 */
export async function queryPrefixInRanges(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'KeyConditionExpression'> & {
    readonly pk: string;
    readonly prefix: string;
    readonly splits: readonly string[];
  },
): Promise<Item[]> {
  const { pk, prefix, splits, ExpressionAttributeNames, ...rest } = input;
  // The string after every one that begins with the prefix: its last character, one up.
  const end = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  const bounds = [prefix, ...[...new Set(splits)].filter((s) => s > prefix && s < end).sort(), end];
  const pages = await Promise.all(
    bounds.slice(1).map((hi, i) =>
      queryEvery({
        ...rest,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { ...ExpressionAttributeNames, '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: {
          ...rest.ExpressionAttributeValues,
          ':pk': pk,
          ':lo': bounds[i],
          ':hi': hi,
        },
      }),
    ),
  );
  const seen = new Set<string>();
  return pages.flat().filter((item) => {
    const sk = String(item.sk);
    if (!sk.startsWith(prefix) || seen.has(sk)) return false;
    seen.add(sk);
    return true;
  });
}

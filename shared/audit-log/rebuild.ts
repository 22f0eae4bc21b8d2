// Rebuilds the log table from the log bucket alone: the bucket is the record (Object Lock), the
// table only an index of it. Entries are re-read and re-hashed, every checkpoint's signature is
// checked against the given public key and its root against the recomputed tree, and only then
// are the head, entries, event map, tiles and checkpoints written. A bucket that disagrees with
// its own signed checkpoints is refused, not rebuilt.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { db } from '../db/client.ts';
import { s3 } from '../storage/s3.ts';
import type { PublicKeyInput } from '../tlog/index.ts';
import {
  CompactRange,
  ecdsaP256Verifier,
  entryLeafHash,
  MerkleTree,
  openCheckpoint,
  toBase64,
} from '../tlog/index.ts';
import { headItem } from './log-head.ts';
import { entryItem, eventItem } from './log-items.ts';
import {
  CHECKPOINTS_PREFIX,
  checkpointKey,
  ENTRIES_PREFIX,
  headKey,
  parseCheckpointObjectKey,
  parseEntriesObjectKey,
  tileKey,
} from './log-keys.ts';
import type { LogLocation } from './log-location.ts';
import { TileState } from './tiles.ts';

export interface RebuildOptions {
  /** Where the objects are read from; defaults to the target's bucket. */
  readonly sourceBucket?: string;
  /** The log's public key, pinned by the operator (not read from the bucket). */
  readonly publicKey: PublicKeyInput;
  readonly origin: string;
  readonly onProgress?: (message: string) => void;
}

export interface RebuildResult {
  readonly size: number;
  readonly rootHash: string;
  readonly checkpoints: number;
  readonly latestCheckpoint?: { readonly size: number; readonly rootHash: string };
  /** Entry objects after a gap in the sequence: committed batches whose predecessors never reached the bucket. */
  readonly ignoredObjects: readonly string[];
}

async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function readObject(bucket: string, key: string) {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { text: (await result.Body?.transformToString('utf-8')) ?? '', metadata: result.Metadata ?? {} };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function writeAll(table: string, items: readonly Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await mapLimit(batches, 8, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; requests.length > 0; round++) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** round)));
    }
  });
}

interface RebuiltEntry {
  readonly seq: number;
  readonly event: AuditEvent;
  readonly leafHash: Uint8Array;
  readonly integratedAt: string;
}

function parseBatch(
  key: string,
  text: string,
  first: number,
  end: number,
  integratedAt: string,
): RebuiltEntry[] {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length !== end - first) {
    throw new Error(`${key} should hold ${end - first} newline-terminated entries`);
  }
  return lines.map((line, i) => {
    const seq = first + i;
    const entry = JSON.parse(line) as { seq?: unknown; event?: AuditEvent };
    if (entry.seq !== seq || typeof entry.event !== 'object' || canonicalJson(entry) !== line) {
      throw new Error(`${key} line ${i + 1} is not the canonical entry ${seq}`);
    }
    return { seq, event: entry.event, leafHash: entryLeafHash(seq, entry.event), integratedAt };
  });
}

export async function rebuildLogState(target: LogLocation, options: RebuildOptions): Promise<RebuildResult> {
  const say = options.onProgress ?? (() => {});
  const bucket = options.sourceBucket ?? target.bucket;
  const existing = await db.send(
    new GetCommand({ TableName: target.table, Key: headKey, ConsistentRead: true }),
  );
  if (existing.Item)
    throw new Error(`table ${target.table} already holds a log head: rebuild into an empty table`);

  const objects = (await listKeys(bucket, ENTRIES_PREFIX))
    .map((key) => ({ key, range: parseEntriesObjectKey(key) }))
    .filter((o): o is { key: string; range: { first: number; end: number } } => o.range !== undefined)
    .sort((a, b) => a.range.first - b.range.first);
  const contiguous: typeof objects = [];
  const ignoredObjects: string[] = [];
  for (const object of objects) {
    const next = contiguous.length === 0 ? 0 : (contiguous[contiguous.length - 1]?.range.end as number);
    if (ignoredObjects.length === 0 && object.range.first === next) contiguous.push(object);
    else ignoredObjects.push(object.key);
  }
  say(`reading ${contiguous.length} entry objects`);
  const batches = await mapLimit(contiguous, 8, async ({ key, range }) => {
    const { text, metadata } = await readObject(bucket, key);
    return parseBatch(key, text, range.first, range.end, metadata['integrated-at'] ?? '');
  });
  const entries = batches.flat();
  const tree = MerkleTree.fromLeafHashes(entries.map((e) => e.leafHash));

  const verifier = ecdsaP256Verifier(options.origin, options.publicKey);
  const checkpointKeys = (await listKeys(bucket, CHECKPOINTS_PREFIX)).filter(
    (key) => parseCheckpointObjectKey(key) !== undefined,
  );
  say(`checking ${checkpointKeys.length} checkpoints`);
  const checkpoints = await mapLimit(checkpointKeys, 8, async (key) => {
    const { text, metadata } = await readObject(bucket, key);
    const { checkpoint } = openCheckpoint(text, verifier);
    if (checkpoint.origin !== options.origin) throw new Error(`${key} is for origin ${checkpoint.origin}`);
    if (checkpoint.size !== parseCheckpointObjectKey(key))
      throw new Error(`${key} holds a checkpoint of size ${checkpoint.size}`);
    if (checkpoint.size > tree.size) {
      throw new Error(
        `${key} covers ${checkpoint.size} entries but the bucket holds only ${tree.size} in sequence`,
      );
    }
    if (toBase64(tree.root(checkpoint.size)) !== toBase64(checkpoint.rootHash)) {
      throw new Error(`the entries in the bucket do not hash to the root signed in ${key}`);
    }
    return {
      ...checkpointKey(checkpoint.size),
      size: checkpoint.size,
      rootHash: toBase64(checkpoint.rootHash),
      note: text,
      at: metadata['signed-at'] ?? '',
      objectKey: key,
      stored: true,
    };
  });

  say(`writing ${entries.length} entries`);
  const range = new CompactRange();
  const tiles = new TileState(0, []);
  const tileItems: Record<string, unknown>[] = [];
  for (const entry of entries) {
    range.append(entry.leafHash);
    for (const tile of tiles.append(entry.leafHash)) {
      tileItems.push({ ...tileKey(tile.level, tile.index), hashes: tile.hashes });
    }
  }
  await writeAll(target.table, [
    ...entries.flatMap((e) => {
      const hash = toBase64(e.leafHash);
      return [
        entryItem(e.seq, e.event, hash, e.integratedAt),
        eventItem(e.seq, e.event, hash, e.integratedAt),
      ];
    }),
    ...tileItems,
    ...checkpoints,
  ]);
  const last = entries[entries.length - 1];
  // The head goes last: until it exists the table is not a log, and the rebuild can be rerun.
  await writeAll(target.table, [
    headItem({
      size: range.size,
      rootHash: range.root(),
      range,
      tiles,
      ...(last ? { integratedAt: last.integratedAt } : {}),
    }),
  ]);
  const latest = checkpoints.sort((a, b) => a.size - b.size)[checkpoints.length - 1];
  return {
    size: range.size,
    rootHash: toBase64(range.root()),
    checkpoints: checkpoints.length,
    ...(latest ? { latestCheckpoint: { size: latest.size, rootHash: latest.rootHash } } : {}),
    ignoredObjects,
  };
}

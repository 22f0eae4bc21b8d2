// Signed checkpoints (c2sp.org/tlog-checkpoint): published by the checkpointer every minute while
// the log grows, and on demand by `checkpointNow` (tender opening). Each is stored in the log table
// for lookups and in the log bucket under Object Lock, after the entries it covers.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';
import { settings } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { clock } from '../runtime/clock.ts';
import type { NoteSigner } from '../tlog/index.ts';
import { signCheckpoint, toBase64 } from '../tlog/index.ts';
import { flushPending, putOnce } from './entry-objects.ts';
import { readHead } from './log-head.ts';
import { logSigner } from './log-key.ts';
import {
  CHECKPOINTS_PK,
  checkpointKey,
  checkpointObjectKey,
  checkpointSortKey,
  eventKey,
} from './log-keys.ts';
import { type LogLocation, liveLog } from './log-location.ts';
import { integrate } from './sequencer.ts';

export interface StoredCheckpoint {
  readonly size: number;
  /** base64, as on the checkpoint's third line. */
  readonly rootHash: string;
  /** The signed note, byte for byte as stored in the bucket. */
  readonly note: string;
  /** When it was signed. */
  readonly at: string;
  readonly objectKey: string;
}

const fromItem = (item: Record<string, unknown>): StoredCheckpoint => ({
  size: item.size as number,
  rootHash: item.rootHash as string,
  note: item.note as string,
  at: item.at as string,
  objectKey: item.objectKey as string,
});

async function queryOne(
  table: string,
  condition: string,
  values: Record<string, unknown>,
  newestFirst: boolean,
): Promise<Record<string, unknown> | undefined> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: condition,
      ExpressionAttributeValues: { ':pk': CHECKPOINTS_PK, ...values },
      ScanIndexForward: !newestFirst,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return result.Items?.[0];
}

export async function latestCheckpoint(
  location: LogLocation = liveLog(),
): Promise<StoredCheckpoint | undefined> {
  const item = await queryOne(location.table, 'pk = :pk', {}, true);
  return item ? fromItem(item) : undefined;
}

export async function checkpointAt(
  size: number,
  location: LogLocation = liveLog(),
): Promise<StoredCheckpoint | undefined> {
  const result = await db.send(new GetCommand({ TableName: location.table, Key: checkpointKey(size) }));
  return result.Item ? fromItem(result.Item) : undefined;
}

/** The first checkpoint that covers entry `seq`: where a receipt's entry was first vouched for. */
export async function firstCheckpointCovering(
  seq: number,
  location: LogLocation = liveLog(),
): Promise<StoredCheckpoint | undefined> {
  const item = await queryOne(
    location.table,
    'pk = :pk AND sk > :seq',
    { ':seq': checkpointSortKey(seq) },
    false,
  );
  return item ? fromItem(item) : undefined;
}

/** Checkpoints with sizes in [fromSize, toSize], oldest first (or newest first), a page at a time. */
export async function listCheckpoints(
  location: LogLocation,
  fromSize: number,
  toSize: number,
  limit: number,
  cursor?: Record<string, unknown>,
  order: { readonly newestFirst?: boolean } = {},
): Promise<{ items: StoredCheckpoint[]; next?: Record<string, unknown> }> {
  const result = await db.send(
    new QueryCommand({
      TableName: location.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: {
        ':pk': CHECKPOINTS_PK,
        ':lo': checkpointSortKey(fromSize),
        ':hi': checkpointSortKey(toSize),
      },
      ScanIndexForward: !order.newestFirst,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return {
    items: (result.Items ?? []).map(fromItem),
    ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
  };
}

/** Puts the checkpoint in the bucket (once) and marks it stored. */
async function store(location: LogLocation, checkpoint: StoredCheckpoint): Promise<void> {
  await putOnce(location.bucket, checkpoint.objectKey, checkpoint.note, 'text/plain; charset=utf-8', {
    'signed-at': checkpoint.at,
  });
  await db.send(
    new UpdateCommand({
      TableName: location.table,
      Key: checkpointKey(checkpoint.size),
      UpdateExpression: 'SET #stored = :yes',
      ExpressionAttributeNames: { '#stored': 'stored' },
      ExpressionAttributeValues: { ':yes': true },
    }),
  );
}

export interface PublishOptions {
  readonly location?: LogLocation;
  /** Defaults to the KMS log key; tests and tools may sign in process. */
  readonly signer?: NoteSigner;
}

export interface PublishResult {
  readonly checkpoint: StoredCheckpoint | undefined;
  /** False when the latest checkpoint already covered the whole log (or the log is empty). */
  readonly published: boolean;
}

/**
 * Signs and publishes a checkpoint of the log as it is now, unless the latest checkpoint already
 * covers it. Order matters for the bucket to be a complete record: entries first (every committed
 * batch is flushed), then the previous checkpoint if a crash left it unstored, then this one.
 * Concurrent publishers at the same size agree: the first to record it in the table wins and the
 * others return its note.
 */
export async function publishCheckpoint(options: PublishOptions = {}): Promise<PublishResult> {
  const location = options.location ?? liveLog();
  const head = await readHead(location.table);
  await flushPending(location);
  const latestItem = await queryOne(location.table, 'pk = :pk', {}, true);
  if (latestItem && latestItem.stored !== true) await store(location, fromItem(latestItem));
  const latest = latestItem ? fromItem(latestItem) : undefined;
  if (head.size === 0 || (latest && latest.size >= head.size))
    return { checkpoint: latest, published: false };

  const signer = options.signer ?? (await logSigner());
  const note = await signCheckpoint(
    { origin: settings.LOG_ORIGIN, size: head.size, rootHash: head.rootHash },
    signer,
  );
  const checkpoint: StoredCheckpoint = {
    size: head.size,
    rootHash: toBase64(head.rootHash),
    note,
    at: clock.iso(),
    objectKey: checkpointObjectKey(head.size),
  };
  try {
    await db.send(
      new PutCommand({
        TableName: location.table,
        Item: { ...checkpointKey(head.size), ...checkpoint, stored: false },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const winner = await checkpointAt(head.size, location);
    return { checkpoint: winner, published: false };
  }
  await store(location, checkpoint);
  return { checkpoint, published: true };
}

export interface CheckpointNowResult {
  readonly checkpoint: StoredCheckpoint;
  /** Where each included event sits in the log; every seq is below checkpoint.size. */
  readonly entries: readonly { readonly eventId: string; readonly seq: number }[];
}

/**
 * For the tender opening: a checkpoint that provably includes the given events (e.g. every bid
 * submission of the tender, read from the audit table's byTender index). Events the sequencer has
 * not reached yet are integrated here first, so the caller never waits for the stream; those
 * already logged are left where they are. Needs the grants: log table readWrite, log bucket
 * write, log key sign and publicKey.
 */
export async function checkpointNow(
  options: PublishOptions & { readonly include?: readonly AuditEvent[] } = {},
): Promise<CheckpointNowResult> {
  const location = options.location ?? liveLog();
  const include = options.include ?? [];
  if (include.length > 0) await integrate(location, include);
  const { checkpoint } = await publishCheckpoint({ ...options, location });
  if (!checkpoint) throw new Error('the log is empty: there is nothing to checkpoint');
  const entries = await Promise.all(
    include.map(async (event) => {
      const result = await db.send(
        new GetCommand({ TableName: location.table, Key: eventKey(event.eventId) }),
      );
      const seq = result.Item?.seq as number | undefined;
      if (seq === undefined || seq >= checkpoint.size) {
        throw new Error(`event ${event.eventId} is not covered by checkpoint ${checkpoint.size}`);
      }
      return { eventId: event.eventId, seq };
    }),
  );
  return { checkpoint, entries };
}

// Entries in the log bucket (S3 Object Lock, compliance mode): one object per committed batch,
// holding each entry's exact logged bytes (RFC 8785 JSON of {event, seq}), one per line. Objects
// are written with If-None-Match, so a key is written once and never replaced by this code; the
// batch boundaries come from the committed transaction, so whoever writes a batch (its sequencer,
// or anyone finishing what a crashed one left) writes the same key with the same bytes.
import { PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { s3 } from '../storage/s3.ts';
import { entryBytes } from '../tlog/index.ts';
import {
  ENTRIES_PER_PARTITION,
  entriesObjectKey,
  entryPartition,
  UNFLUSHED_PK,
  unflushedKey,
} from './log-keys.ts';
import type { LogLocation } from './log-location.ts';

export interface BatchToFlush {
  readonly first: number;
  readonly end: number;
  readonly integratedAt: string;
  /** The entries' logged bytes, in sequence order. */
  readonly lines: readonly Uint8Array[];
}

/** S3's answer to a conditional write that found the key taken. */
export const alreadyWritten = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 412 || error.name === 'PreconditionFailed');

export function batchBody(lines: readonly Uint8Array[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
}

export async function putOnce(
  bucket: string,
  key: string,
  body: Uint8Array | string,
  contentType: string,
  metadata: Record<string, string> = {},
): Promise<'written' | 'existed'> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        IfNoneMatch: '*',
        ChecksumAlgorithm: 'SHA256',
        Metadata: metadata,
      }),
    );
    return 'written';
  } catch (error) {
    if (alreadyWritten(error)) return 'existed';
    throw error;
  }
}

export async function flushBatch(location: LogLocation, batch: BatchToFlush): Promise<void> {
  await putOnce(
    location.bucket,
    entriesObjectKey(batch.first, batch.end),
    batchBody(batch.lines),
    'application/x-ndjson',
    { 'integrated-at': batch.integratedAt },
  );
  await db.send(new DeleteCommand({ TableName: location.table, Key: unflushedKey(batch.first) }));
}

async function entriesInRange(table: string, first: number, end: number) {
  const items: Record<string, unknown>[] = [];
  for (let partitionStart = first; partitionStart < end; ) {
    const pk = entryPartition(partitionStart);
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':lo': String(first).padStart(12, '0'),
            ':hi': String(end - 1).padStart(12, '0'),
          },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(page.Items ?? []));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    partitionStart = (Math.floor(partitionStart / ENTRIES_PER_PARTITION) + 1) * ENTRIES_PER_PARTITION;
  }
  return items;
}

/**
 * Writes every committed batch still missing from the bucket (a sequencer may have crashed between
 * its commit and its upload). The checkpointer runs this before signing, so a signed checkpoint
 * never covers entries the bucket lacks.
 */
export async function flushPending(location: LogLocation): Promise<number> {
  const pending = await db.send(
    new QueryCommand({
      TableName: location.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': UNFLUSHED_PK },
      ConsistentRead: true,
    }),
  );
  let flushed = 0;
  for (const marker of pending.Items ?? []) {
    const { first, end, integratedAt } = marker as { first: number; end: number; integratedAt: string };
    const entries = await entriesInRange(location.table, first, end);
    if (entries.length !== end - first) {
      throw new Error(`batch [${first}, ${end}) has ${entries.length} entries in the log table`);
    }
    const lines = entries
      .sort((a, b) => (a.seq as number) - (b.seq as number))
      .map((entry) => entryBytes(entry.seq as number, entry.event));
    await flushBatch(location, { first, end, integratedAt, lines });
    flushed += 1;
  }
  return flushed;
}

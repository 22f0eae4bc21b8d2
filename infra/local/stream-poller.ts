// Feeds a table's DynamoDB stream to a function the way the Lambda event source mapping does:
// shards in order, batches of records, and a failed batch retried (from the first failed record
// when the function reports batch item failures) so that no record is skipped.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/runtime/logger.ts';
import { withoutSdkCallLog } from '../../shared/runtime/sdk-call-log.ts';

export interface StreamPollerOptions {
  readonly functionName: string;
  readonly tableName: string;
  readonly batchSize: number;
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly idleMs?: number;
}

export function toStreamEvent(records: readonly StreamRecord[], streamArn: string): DynamoDBStreamEvent {
  return {
    Records: records.map((r) => ({
      eventID: r.eventID,
      eventName: r.eventName,
      eventVersion: r.eventVersion,
      eventSource: 'aws:dynamodb',
      awsRegion: 'ap-southeast-1',
      eventSourceARN: streamArn,
      dynamodb: {
        ...r.dynamodb,
        ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
          ? r.dynamodb.ApproximateCreationDateTime.getTime() / 1000
          : undefined,
      } as DynamoDBStreamEvent['Records'][number]['dynamodb'],
    })),
  };
}

export function startStreamPoller(options: StreamPollerOptions): { stop(): Promise<void> } {
  // Without the SDK's call log: it would copy every GetRecords page through its log filter.
  const dynamo = withoutSdkCallLog(new DynamoDBClient({}));
  const streams = withoutSdkCallLog(new DynamoDBStreamsClient({}));
  let running = true;
  const idleMs = options.idleMs ?? 100;
  // Idle, a poller asks DynamoDB Local two or more times every idleMs, in every test cloud and for
  // the whole run: after a second without records it asks every 2.5 × idleMs (Lambda itself polls
  // a shard four times a second), and it looks for new shards once a second, or when one closed,
  // rather than on every poll.
  const restingMs = idleMs * 2.5;
  const restAfterEmptyPolls = Math.ceil(1000 / idleMs);
  const describeEveryMs = 1000;
  let emptyPolls = 0;
  let describedAt = Number.NEGATIVE_INFINITY;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const run = async () => {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    // Iterators per shard; new shards are picked up as the stream describes them.
    const iterators = new Map<string, string | undefined>();
    // The last record handed to the function, per shard: where to resume with a fresh iterator.
    const delivered = new Map<string, string>();
    const getRecords = (iterator: string) =>
      streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize }));
    const finished = new Set<string>();
    while (running) {
      try {
        const describe = iterators.size === 0 || performance.now() - describedAt >= describeEveryMs;
        const description = describe
          ? await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))
          : undefined;
        if (describe) describedAt = performance.now();
        for (const shard of description?.StreamDescription?.Shards ?? []) {
          const id = shard.ShardId;
          if (!id || iterators.has(id) || finished.has(id)) continue;
          const iterator = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: id,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          );
          iterators.set(id, iterator.ShardIterator);
        }
        let deliveredCount = 0;
        for (const [shardId, iterator] of iterators) {
          if (!running) break;
          if (!iterator) {
            iterators.delete(shardId);
            finished.add(shardId);
            // Its successor is to be found now.
            describedAt = Number.NEGATIVE_INFINITY;
            continue;
          }
          let page: Awaited<ReturnType<typeof getRecords>>;
          try {
            page = await getRecords(iterator);
          } catch (error) {
            // DynamoDB Local invalidates an iterator taken on an empty shard once records arrive
            // (TrimmedDataAccessException), and iterators expire: take a fresh one after the last
            // record delivered, which loses nothing and repeats nothing.
            const name = (error as Error).name;
            if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
            const after = delivered.get(shardId);
            const fresh = await streams.send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shardId,
                ...(after
                  ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
                  : { ShardIteratorType: 'TRIM_HORIZON' }),
              }),
            );
            iterators.set(shardId, fresh.ShardIterator);
            continue;
          }
          const records = page.Records ?? [];
          if (records.length === 0) {
            iterators.set(shardId, page.NextShardIterator);
            continue;
          }
          const result = (await options.invoke(toStreamEvent(records, streamArn)).catch((error: unknown) => {
            logger.warn('stream handler failed; retrying the batch', {
              functionName: options.functionName,
              error: error as Error,
            });
            return { batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber ?? '' }] };
          })) as DynamoDBBatchResponse | undefined;
          const firstFailure = result?.batchItemFailures?.[0]?.itemIdentifier;
          if (firstFailure) {
            // Resume at the failed record, as bisect-free Lambda retries do.
            const retry = await streams.send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shardId,
                ShardIteratorType: 'AT_SEQUENCE_NUMBER',
                SequenceNumber: firstFailure,
              }),
            );
            iterators.set(shardId, retry.ShardIterator);
            await sleep(idleMs * 5);
          } else {
            iterators.set(shardId, page.NextShardIterator);
            const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
            if (last) delivered.set(shardId, last);
            deliveredCount += records.length;
          }
        }
        emptyPolls = deliveredCount === 0 ? emptyPolls + 1 : 0;
        if (deliveredCount === 0) await sleep(emptyPolls > restAfterEmptyPolls ? restingMs : idleMs);
      } catch (error) {
        if (!running) return;
        logger.warn('stream poll failed; retrying', {
          functionName: options.functionName,
          error: error as Error,
        });
        await sleep(500);
      }
    }
  };
  const loop = run();
  return {
    stop: async () => {
      running = false;
      await loop.catch(() => {});
    },
  };
}

// Feeds a table's DynamoDB stream to a function the way the Lambda event source mapping does:
// shards in order, batches of records, and a failed batch retried (from the first failed record
// when the function reports batch item failures) so that no record is skipped. With a batching
// window, records are gathered until the batch is full or the window has passed since the first
// of them (MaximumBatchingWindowInSeconds), measured on the local clock that tests move.
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
  /** Gather records this long after the first of a batch, unless the batch fills first. */
  readonly batchingWindowMs?: number;
  /** The clock the window is measured on (the local cloud's); default Date.now. */
  readonly now?: () => number;
  /** How long a resting poller waits between polls; default 1 s (see `wake`). */
  readonly restingMs?: number;
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

export interface StreamPoller {
  stop(): Promise<void>;
  /**
   * Something may have written to the table (the local cloud calls it whenever a function
   * invocation ends): poll now and at the idle pace again, instead of at the resting one.
   */
  wake(): void;
  /** Whether it is resting now: a second without records and no wake since. */
  resting(): boolean;
  /** Records read and held for the batching window, not yet handed to the function. */
  gathering(): number;
}

export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  // Without the SDK's call log: it would copy every GetRecords page through its log filter.
  const dynamo = withoutSdkCallLog(new DynamoDBClient({}));
  const streams = withoutSdkCallLog(new DynamoDBStreamsClient({}));
  let running = true;
  const idleMs = options.idleMs ?? 100;
  // Idle, a poller asks DynamoDB Local two or more times every idleMs, in every test cloud and for
  // the whole run (an idle test cloud's pollers were a tenth of a core, half in DynamoDB Local):
  // after three polls without records it rests, asking once a second, until woken (`wake`: every
  // write of a function is followed by the end of its invocation, so the records it wrote are
  // there at the first poll after the wake), and it looks for new shards once a second, or when
  // one closed, rather than on every poll. Three, not one, for records that a writer other than a
  // function (a test, a script) adds just after a batch.
  const restingMs = options.restingMs ?? 1000;
  const restAfterEmptyPolls = 3;
  const describeEveryMs = 1000;
  let emptyPolls = 0;
  let describedAt = Number.NEGATIVE_INFINITY;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // The resting wait in progress, cut short by a wake (a wait at the idle pace is not: a burst of
  // invocations would make every poller ask at once after each).
  let endRest: (() => void) | undefined;
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        endRest = undefined;
        resolve();
      }
      endRest = done;
    });
  const windowMs = options.batchingWindowMs ?? 0;
  const now = options.now ?? Date.now;
  // Records read but not yet handed over, per shard, while a batching window gathers them.
  const gathering = new Map<string, { records: StreamRecord[]; since: number }>();

  const run = async () => {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    // Iterators per shard; new shards are picked up as the stream describes them.
    const iterators = new Map<string, string | undefined>();
    // The last record handed to the function, per shard: where to resume with a fresh iterator.
    const delivered = new Map<string, string>();
    const getRecords = (iterator: string, limit: number) =>
      streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
    const finished = new Set<string>();
    /** Hands a batch to the function; false when it failed (the shard resumes at the failure). */
    const deliver = async (shardId: string, records: StreamRecord[]): Promise<boolean> => {
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
        return false;
      }
      const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
      if (last) delivered.set(shardId, last);
      return true;
    };
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
        let waiting = false;
        for (const [shardId, iterator] of iterators) {
          if (!running) break;
          if (!iterator) {
            // Nothing is held for a closed shard: the page that closed it was delivered at once.
            iterators.delete(shardId);
            finished.add(shardId);
            // Its successor is to be found now.
            describedAt = Number.NEGATIVE_INFINITY;
            continue;
          }
          const held = gathering.get(shardId);
          let page: Awaited<ReturnType<typeof getRecords>>;
          try {
            page = await getRecords(iterator, options.batchSize - (held?.records.length ?? 0));
          } catch (error) {
            // DynamoDB Local invalidates an iterator taken on an empty shard once records arrive
            // (TrimmedDataAccessException), and iterators expire: take a fresh one after the last
            // record delivered, which loses nothing and repeats nothing (records being gathered
            // are read again).
            const name = (error as Error).name;
            if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
            gathering.delete(shardId);
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
          iterators.set(shardId, page.NextShardIterator);
          const read = page.Records ?? [];
          const batch = held ?? { records: [], since: now() };
          if (read.length === 0 && batch.records.length === 0) continue;
          batch.records.push(...read);
          const full = batch.records.length >= options.batchSize;
          if (!full && page.NextShardIterator && now() - batch.since < windowMs) {
            gathering.set(shardId, batch);
            waiting = true;
            continue;
          }
          gathering.delete(shardId);
          if (await deliver(shardId, batch.records)) deliveredCount += batch.records.length;
        }
        // A shard gathering records is polled at the idle pace, never the resting one.
        emptyPolls = deliveredCount === 0 && !waiting ? emptyPolls + 1 : 0;
        if (deliveredCount === 0) await (emptyPolls > restAfterEmptyPolls ? rest(restingMs) : sleep(idleMs));
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
      endRest?.();
      await loop.catch(() => {});
    },
    wake: () => {
      emptyPolls = 0;
      endRest?.();
    },
    resting: () => endRest !== undefined,
    gathering: () => [...gathering.values()].reduce((n, b) => n + b.records.length, 0),
  };
}

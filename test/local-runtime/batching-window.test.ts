// The local stream poller's batching window against DynamoDB Local's own stream, as Lambda's
// MaximumBatchingWindowInSeconds behaves: records are gathered until the batch is full or the
// window has passed since the first of them, on a clock the test moves (it never waits the window
// out). Without a window, records go to the function as soon as they are read. A poller that found
// nothing in three polls rests, polling slowly, until the local cloud wakes it (a function that
// may write its table ended an invocation, so something may have been written).
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type StreamPoller, startStreamPoller } from '../../infra/local/stream-poller.ts';
import { workerPrefix } from '../support/worker-resources.ts';

const dynamo = new DynamoDBClient({});
const tables: string[] = [];

async function streamTable(): Promise<string> {
  const name = `${workerPrefix()}-window-${randomUUID().slice(0, 8)}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30 }, { TableName: name });
  tables.push(name);
  return name;
}

const put = (table: string, ids: string[]) =>
  Promise.all(
    ids.map((id) => dynamo.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }))),
  );

const idsOf = (event: DynamoDBStreamEvent) => event.Records.map((r) => r.dynamodb?.NewImage?.id?.S);

/** A poller without a batching window that keeps every batch it is handed. */
function collectingPoller(table: string, functionName: string, options: { restingMs?: number } = {}) {
  const batches: DynamoDBStreamEvent[] = [];
  const poller = startStreamPoller({
    functionName,
    tableName: table,
    batchSize: 10,
    idleMs: 20,
    ...options,
    now: () => 0,
    invoke: async (event) => {
      batches.push(event);
      return { batchItemFailures: [] };
    },
  });
  return { poller, batches };
}

afterAll(async () => {
  await Promise.all(tables.map((t) => dynamo.send(new DeleteTableCommand({ TableName: t })).catch(() => {})));
});

describe('a stream consumer with a batching window', () => {
  let table: string;
  let poller: StreamPoller;
  let clockMs = Date.parse('2026-12-04T02:00:00Z');
  const batches: DynamoDBStreamEvent[] = [];

  beforeAll(async () => {
    table = await streamTable();
    poller = startStreamPoller({
      functionName: 'windowed',
      tableName: table,
      batchSize: 10,
      batchingWindowMs: 30_000,
      idleMs: 20,
      now: () => clockMs,
      invoke: async (event) => {
        batches.push(event);
        return { batchItemFailures: [] };
      },
    });
  });
  afterAll(() => poller?.stop());

  it('holds records until the window has passed since the first, then hands them over in one batch', async () => {
    await put(table, ['a1', 'a2', 'a3']);
    await vi.waitFor(() => expect(poller.gathering()).toBe(3), { timeout: 20_000, interval: 20 });
    // A later poll reads the next record into the same batch: still nothing handed over.
    clockMs += 29_000;
    await put(table, ['a4']);
    await vi.waitFor(() => expect(poller.gathering()).toBe(4), { timeout: 20_000, interval: 20 });
    expect(batches).toHaveLength(0);

    clockMs += 1_000;
    await vi.waitFor(() => expect(batches).toHaveLength(1), { timeout: 20_000, interval: 20 });
    expect(idsOf(batches[0]!).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(poller.gathering()).toBe(0);
  });

  it('hands a full batch over at once, without waiting for the window', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `b${i}`);
    await put(table, ids);
    await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
      interval: 20,
    });
    // The clock did not move: only a full batch can have gone.
    expect(batches).toHaveLength(2);
    expect(idsOf(batches[1]!).sort()).toEqual([...ids].sort());
    expect(poller.gathering()).toBe(0);
  });
});

describe('a stream consumer without a batching window', () => {
  it('gets each record as soon as it is read', async () => {
    const table = await streamTable();
    const { poller, batches } = collectingPoller(table, 'eager');
    try {
      await put(table, ['c1']);
      await vi.waitFor(() => expect(batches).toHaveLength(1), { timeout: 20_000, interval: 20 });
      expect(idsOf(batches[0]!)).toEqual(['c1']);
      expect(poller.gathering()).toBe(0);
    } finally {
      await poller.stop();
    }
  });
});

describe('a resting stream consumer', () => {
  it('polls again at once when woken, and stops at once while resting', async () => {
    const table = await streamTable();
    // Ten minutes between polls at rest: only the wake can deliver the record within the wait.
    const { poller, batches } = collectingPoller(table, 'resting', { restingMs: 600_000 });
    try {
      await vi.waitFor(() => expect(poller.resting()).toBe(true), { timeout: 20_000, interval: 20 });
      await put(table, ['d1']);
      poller.wake();
      expect(poller.resting()).toBe(false);
      await vi.waitFor(() => expect(batches).toHaveLength(1), { timeout: 20_000, interval: 20 });
      expect(idsOf(batches[0]!)).toEqual(['d1']);
      await vi.waitFor(() => expect(poller.resting()).toBe(true), { timeout: 20_000, interval: 20 });
    } finally {
      await poller.stop();
    }
  }, 60_000);
});

import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { FunctionPool } from '../../infra/local/function-pool.ts';
import { startSqsPoller } from '../../infra/local/sqs-poller.ts';
import { db } from '../../shared/db/client.ts';

const sqs = new SQSClient({});
const catalog: Record<string, FunctionSpec> = {
  flaky: {
    description: 'test consumer',
    entry: 'test/local-runtime/fixtures/flaky-consumer.ts',
    trigger: { kind: 'queue', queue: 'evaluation', batchSize: 10 },
    grants: [{ table: 'parties', access: 'write' }],
  },
};
let pool: FunctionPool;

beforeAll(() => {
  pool = new FunctionPool(catalog, process.env);
});
afterAll(() => pool.stop());

async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await probe();
  }
  return value;
}

describe('queue messages reach functions with Lambda SQS semantics', () => {
  it('delivers in batches, deletes only successes, and redrives reported failures to the DLQ', async () => {
    const run = crypto.randomUUID();
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `t-${run}-dlq` }));
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: `t-${run}`,
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: `arn:aws:sqs:ap-southeast-1:123456789012:t-${run}-dlq`,
            maxReceiveCount: 2,
          }),
        },
      }),
    );
    const queueUrl = queue.QueueUrl as string;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: 10 }, (_, n) => ({
          Id: String(n),
          MessageBody: JSON.stringify({ run, n, fail: n === 3 }),
        })),
      }),
    );
    const poller = startSqsPoller({
      functionName: 'flaky',
      queueUrl,
      batchSize: 10,
      concurrency: 1,
      invoke: (e) => pool.invoke('flaky', e),
    });
    try {
      const processed = await until(
        async () =>
          (
            await db.send(
              new QueryCommand({
                TableName: process.env.TABLE_PARTIES,
                KeyConditionExpression: 'pk = :pk',
                ExpressionAttributeValues: { ':pk': `TEST#${run}` },
              }),
            )
          ).Items ?? [],
        (items) => items.length >= 9,
      );
      const numbers = processed.map((i) => Number(String(i.sk).split('#')[1])).sort((a, b) => a - b);
      expect(numbers).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
      expect(Math.max(...processed.map((i) => i.batch as number))).toBeGreaterThan(1);

      const dead = await until(
        async () =>
          (
            await sqs.send(
              new ReceiveMessageCommand({
                QueueUrl: dlq.QueueUrl,
                MaxNumberOfMessages: 10,
                WaitTimeSeconds: 1,
              }),
            )
          ).Messages ?? [],
        (messages) => messages.length > 0,
      );
      expect(dead.map((m) => JSON.parse(m.Body ?? '{}').n)).toEqual([3]);
      const left = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(left.Attributes?.ApproximateNumberOfMessages).toBe('0');
    } finally {
      await poller.stop();
    }
  });
});

describe('the pollers scale with the backlog, as the event source mapping does', () => {
  it('keeps two long polls while idle, grows to the maximum concurrency and no further, and shrinks back', async () => {
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: `t-${crypto.randomUUID()}` }));
    const queueUrl = queue.QueueUrl as string;
    let inFlight = 0;
    let mostInFlight = 0;
    let handled = 0;
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    // In this process, not a worker: the test holds every batch until it has seen the concurrency.
    const poller = startSqsPoller({
      functionName: 'held',
      queueUrl,
      batchSize: 1,
      concurrency: 4,
      invoke: async () => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await released;
        inFlight--;
        handled++;
      },
    });
    try {
      expect(poller.pollers()).toBe(2);
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, n) => ({ Id: String(n), MessageBody: String(n) })),
        }),
      );
      await until(
        async () => inFlight,
        (n) => n === 4,
      );
      expect(inFlight).toBe(4);
      expect(poller.pollers()).toBe(4);
      release();
      await until(
        async () => handled,
        (n) => n === 10,
      );
      expect(handled).toBe(10);
      expect(mostInFlight).toBe(4);
      // Each poll that comes back empty retires a poller above the idle two.
      await until(
        async () => poller.pollers(),
        (n) => n === 2,
      );
      expect(poller.pollers()).toBe(2);
    } finally {
      await poller.stop();
    }
  });
});

describe('functions see only the resources they were granted', () => {
  it('gives a worker the environment variables of its grants and no others', async () => {
    const { functionEnvironment } = await import('../../infra/local/function-pool.ts');
    const env = functionEnvironment(catalog.flaky as FunctionSpec, {
      TABLE_PARTIES: 'p',
      TABLE_BIDS: 'b',
      BUCKET_BIDS: 'bb',
      KEY_TENDER_KEYS_ID: 'k',
      AWS_REGION: 'r',
    });
    expect(env).toEqual({ TABLE_PARTIES: 'p', AWS_REGION: 'r' });
  });
});

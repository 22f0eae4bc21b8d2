// The trigger wrappers (shared/platform/lambda/): a stream record that does not parse with its
// schema is a reported batch item failure, not a crash of the batch; metrics recorded during an
// invocation leave as one EMF document in the settings' namespace; the tracer is off locally.
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { db } from '../../shared/db/client.ts';
import { traced, tracer } from '../../shared/platform/lambda/observability.ts';
import { streamHandler } from '../../shared/platform/lambda/stream-handler.ts';
import { SDK_CALL_LOG_MIDDLEWARE } from '../../shared/runtime/sdk-call-log.ts';
import { s3 } from '../../shared/storage/s3.ts';

// The test setup silences metrics for every other file (test/support/worker-env.ts), and the
// observability module decides at import; the metrics test turns them back on and imports the
// wrapper afresh (files share their worker's modules: vitest.config.ts, `isolate: false`).
async function withMetricsOn() {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  vi.resetModules();
  try {
    const base = await import('../../shared/platform/lambda/lambda-base.ts');
    const observability = await import('../../shared/platform/lambda/observability.ts');
    return { lambdaBase: base.lambdaBase, recordMetric: observability.recordMetric };
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  }
}

const context = {
  functionName: 'test',
  awsRequestId: 'wrappers',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const insert = (sequence: string, image: Record<string, unknown>) => ({
  eventID: `e${sequence}`,
  eventName: 'INSERT' as const,
  eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: sequence, NewImage: image as never },
});

afterEach(() => vi.restoreAllMocks());

describe('the stream wrapper', () => {
  it('reports a record that does not match its schema as a batch item failure and handles the rest', async () => {
    const handled: string[] = [];
    const handler = streamHandler(
      'test',
      z.object({ kind: z.literal('event'), eventId: z.string() }),
      async (item) => {
        handled.push(item.eventId);
      },
      { select: (item) => item.kind === 'event' },
    );
    const event: DynamoDBStreamEvent = {
      Records: [
        insert('1', { kind: { S: 'event' }, eventId: { S: 'good' } }),
        insert('2', { kind: { S: 'event' }, eventId: { N: '7' } }),
        insert('3', { kind: { S: 'follower' } }),
      ],
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const result = await handler(event, context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['good']);
  });

  it('coalesces: one at a time, in order, once per key and batch, and a failed key is tried again', async () => {
    const handled: string[] = [];
    let inFlight = 0;
    let most = 0;
    const handler = streamHandler(
      'test',
      z.object({ source: z.string(), eventId: z.string() }),
      async (item) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        handled.push(item.eventId);
        if (item.eventId === 'b1') throw new Error('lost a race');
      },
      { coalesce: (item) => item.source },
    );
    const record = (n: string, source: string, eventId: string) =>
      insert(n, { source: { S: source }, eventId: { S: eventId } });
    const batch = (): DynamoDBStreamEvent => ({
      Records: [
        record('1', 'a', 'a1'),
        record('2', 'b', 'b1'),
        record('3', 'a', 'a2'),
        record('4', 'b', 'b2'),
      ],
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await handler(batch(), context)).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['a1', 'b1', 'b2']);
    expect(most).toBe(1);
    // A new batch starts with nothing handled.
    handled.length = 0;
    expect(await handler(batch(), context)).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['a1', 'b1', 'b2']);
  });
});

describe('the base of every wrapper', () => {
  it('publishes the metrics an invocation recorded as EMF in the settings namespace, and nothing for none', async () => {
    const { lambdaBase, recordMetric } = await withMetricsOn();
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    await lambdaBase(async () => {
      recordMetric('bidsCommitted', 1);
      recordMetric('minutesLatency', 1234);
    })({}, context);
    await lambdaBase(async () => 'nothing recorded')({}, context);
    const documents = written.flatMap((w) => w.split('\n')).filter((l) => l.includes('"_aws"'));
    expect(documents).toHaveLength(1);
    const emf = JSON.parse(documents[0] as string);
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('eproc');
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'bidsCommitted', Unit: 'Count' },
      { Name: 'minutesLatency', Unit: 'Milliseconds' },
    ]);
    expect(emf).toMatchObject({ bidsCommitted: 1, minutesLatency: 1234 });
  });

  it('does not trace outside Lambda: no tracer, the SDK client itself', () => {
    expect(process.env.AWS_EXECUTION_ENV).toBeUndefined();
    expect(tracer).toBeUndefined();
    const client = new SQSClient({ region: 'ap-southeast-1' });
    expect(traced(client)).toBe(client);
  });

  it('builds SDK clients without the SDK’s per-call log filtering, DocumentClient included', () => {
    const names = (client: { middlewareStack: { identify(): string[] } }) =>
      client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);
    const plain = new SQSClient({ region: 'ap-southeast-1' });
    expect(names(plain)).toContain(SDK_CALL_LOG_MIDDLEWARE);
    expect(names(traced(plain))).not.toContain(SDK_CALL_LOG_MIDDLEWARE);
    expect(names(db)).not.toContain(SDK_CALL_LOG_MIDDLEWARE);
    expect(names(s3)).not.toContain(SDK_CALL_LOG_MIDDLEWARE);
    // What remains is the rest of the stack: signing, retries, serialisation.
    expect(names(db).length).toBeGreaterThan(5);
  });
});

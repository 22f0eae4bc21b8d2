// Feeds queue messages to a function the way the Lambda SQS event source mapping does: batches,
// partial batch failure (only reported failures come back), visibility timeout, and redrive to
// the dead-letter queue by the queue itself after maxReceiveCount deliveries. Like the mapping,
// it scales its pollers with the backlog: a few long polls while the queue is empty, one more
// each time a poll finds messages, up to the maximum concurrency, and back down when polls come
// back empty (the opener's 500 idle long polls kept the local SQS and its sockets busy).
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/runtime/logger.ts';
import { withoutSdkCallLog } from '../../shared/runtime/sdk-call-log.ts';

export interface PollerOptions {
  readonly functionName: string;
  readonly queueUrl: string;
  readonly batchSize: number;
  readonly invoke: (event: SQSEvent) => Promise<unknown>;
  /** How many batches may be in flight at once, like the mapping's maximum concurrency. */
  readonly concurrency?: number;
}

/** Long polls kept while the queue is empty (Lambda starts with five; two are plenty here). */
const IDLE_POLLERS = 2;

const arnOf = (queueUrl: string) => {
  const [, account, name] = new URL(queueUrl).pathname.split('/');
  return `arn:aws:sqs:ap-southeast-1:${account}:${name}`;
};

export function toSqsEvent(messages: readonly Message[], queueUrl: string): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: (m.Attributes ?? {}) as SQSEvent['Records'][number]['attributes'],
      messageAttributes: Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
          k,
          {
            stringValue: v.StringValue,
            dataType: v.DataType ?? 'String',
            stringListValues: [],
            binaryListValues: [],
          },
        ]),
      ),
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: arnOf(queueUrl),
      awsRegion: 'ap-southeast-1',
    })),
  };
}

export interface SqsPoller {
  stop(): Promise<void>;
  /** Long polls and batches in flight now: between the idle few and the maximum concurrency. */
  pollers(): number;
}

export function startSqsPoller(options: PollerOptions): SqsPoller {
  const sqs = withoutSdkCallLog(new SQSClient({}));
  let running = true;
  const concurrency = options.concurrency ?? 2;
  const idle = Math.min(IDLE_POLLERS, concurrency);
  // Each poller's loop while it runs: their number is the pollers now.
  const loops = new Set<Promise<void>>();

  const spawn = () => {
    const started = loop().finally(() => loops.delete(started));
    loops.add(started);
  };

  const loop = async () => {
    while (running) {
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: Math.min(10, options.batchSize),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        const messages = received.Messages ?? [];
        if (!running) return;
        if (messages.length === 0) {
          // Backlog gone: this poller retires, down to the idle few.
          if (loops.size > idle) return;
          continue;
        }
        // Messages waiting: another poller, so the next batch need not wait for this one's.
        if (loops.size < concurrency) spawn();
        let failed = new Set<string>();
        try {
          const result = (await options.invoke(toSqsEvent(messages, options.queueUrl))) as
            | SQSBatchResponse
            | undefined;
          failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          // A thrown error fails the whole batch: every message comes back after its visibility timeout.
          logger.warn('queue handler failed the whole batch', {
            functionName: options.functionName,
            error: error as Error,
          });
          failed = new Set(messages.map((m) => m.MessageId ?? ''));
        }
        const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
            }),
          );
        }
      } catch (error) {
        if (!running) return;
        logger.warn('queue poll failed; retrying', {
          functionName: options.functionName,
          error: error as Error,
        });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  for (let i = 0; i < idle; i++) spawn();
  return {
    stop: async () => {
      running = false;
      while (loops.size > 0) await Promise.all([...loops]);
    },
    pollers: () => loops.size,
  };
}

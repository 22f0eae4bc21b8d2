// Feeds queue messages to a function the way the Lambda SQS event source mapping does: batches,
// partial batch failure (only reported failures come back), visibility timeout, and redrive to
// the dead-letter queue by the queue itself after maxReceiveCount deliveries.
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

export function startSqsPoller(options: PollerOptions): { stop(): Promise<void> } {
  const sqs = withoutSdkCallLog(new SQSClient({}));
  let running = true;
  const loops: Promise<void>[] = [];

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
        if (messages.length === 0 || !running) continue;
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
  for (let i = 0; i < (options.concurrency ?? 2); i++) loops.push(loop());
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

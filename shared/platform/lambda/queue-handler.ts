// SQS handlers for the opening and evaluation queues: Powertools' batch processor reports only the
// failed records (the rest are deleted), and a failed record comes back after an exponential
// backoff rather than the queue's whole visibility timeout, so a transient failure delays an
// opening by seconds. After the queue's maxReceiveCount it moves to the dead-letter queue (alarm).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { resources, settings } from '../../config/settings.ts';
import { type QueueName, queues } from '../../resources/queues.ts';
import { logger } from '../../runtime/logger.ts';
import { lambdaBase } from './lambda-base.ts';
import { traced } from './observability.ts';

const sqs = traced(new SQSClient({}));

/** A message that can never succeed (it does not parse): it goes to the dead-letter queue by redrive. */
export class PoisonMessage extends Error {}

export function retryDelaySeconds(receiveCount: number, queue: QueueName): number {
  const exponent = Math.max(0, Math.min(20, receiveCount - 1));
  return Math.min(queues[queue].visibilityTimeoutSeconds, settings.QUEUE_RETRY_BASE_SECONDS * 2 ** exponent);
}

async function backOff(record: SQSRecord, queue: QueueName): Promise<void> {
  const delay = retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount ?? '1'), queue);
  try {
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: resources.queueUrl(queue),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: delay,
      }),
    );
  } catch (error) {
    // The record still comes back, after the queue's visibility timeout instead.
    logger.warn('could not shorten the retry delay', { queue, error: error as Error });
  }
}

export function queueHandler<S extends z.ZodType>(
  queue: QueueName,
  schema: S,
  handle: (message: z.output<S>, record: SQSRecord) => Promise<void>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    try {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        throw new PoisonMessage('message body is not JSON');
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success)
        throw new PoisonMessage(`message does not match its schema: ${parsed.error.message}`);
      await handle(parsed.data, record);
    } catch (error) {
      logger.error('queue record failed', {
        queue,
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        poison: error instanceof PoisonMessage,
        error: error as Error,
      });
      await backOff(record, queue);
      throw error;
    }
  };
  return lambdaBase(
    async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
      processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false }),
  );
}

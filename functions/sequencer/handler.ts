// Stream consumer of the audit table: every committed audit event reaches the log through here,
// off the request path. Safe to run in parallel and to retry (see shared/audit-log/sequencer.ts):
// a failure throws, the event source retries the batch, and what was already logged is skipped.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { flushPending, integrate, liveLog } from '../../shared/audit-log/index.ts';
import { eventFromImage } from '../../shared/audit-log/logged-event.ts';
import { logger } from '../../shared/runtime/logger.ts';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const log = liveLog();
  // The audit table is append-only (its writers have PutItem only), so INSERT is all there is.
  const events = event.Records.flatMap((record) =>
    record.eventName === 'INSERT' && record.dynamodb?.NewImage
      ? [eventFromImage(record.dynamodb.NewImage as Record<string, AttributeValue>)]
      : [],
  );
  const result = await integrate(log, events);
  if (result.appended.length > 0) {
    logger.info('integrated audit events', {
      appended: result.appended.length,
      alreadyLogged: result.alreadyLogged,
      conflicts: result.conflicts,
      size: result.size,
    });
  }
  // Finishes any batch a crashed sequencer committed but did not get into the bucket.
  await flushPending(log).catch((error: unknown) =>
    logger.warn('could not flush pending log batches', { error: error as Error }),
  );
  return { batchItemFailures: [] };
};

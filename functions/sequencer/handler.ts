// Stream consumer of the audit table: every committed audit event reaches the log through here,
// off the request path. Safe to run in parallel and to retry (see shared/audit-log/sequencer.ts):
// a failure throws, the event source retries the batch, and what was already logged is skipped.
// A record that is no audit event is reported as a batch item failure, not a crash of the batch.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AuditEvent } from '../../shared/audit/audit-event.ts';
import { flushPending, integrate, liveLog } from '../../shared/audit-log/index.ts';
import { eventFromImage } from '../../shared/audit-log/logged-event.ts';
import { lambdaBase } from '../../shared/platform/lambda/lambda-base.ts';
import { recordMetric } from '../../shared/platform/lambda/observability.ts';
import { logger } from '../../shared/runtime/logger.ts';

export const handler = lambdaBase(
  async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
    const log = liveLog();
    const events: AuditEvent[] = [];
    const unreadable: string[] = [];
    // The audit table is append-only (its writers have PutItem only), so INSERT is all there is.
    for (const record of event.Records) {
      if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
      try {
        events.push(eventFromImage(record.dynamodb.NewImage as Record<string, AttributeValue>));
      } catch (error) {
        logger.error('stream record is no audit event', { eventId: record.eventID, error: error as Error });
        if (record.dynamodb.SequenceNumber) unreadable.push(record.dynamodb.SequenceNumber);
      }
    }
    const result = await integrate(log, events);
    if (result.appended.length > 0) {
      logger.info('integrated audit events', {
        appended: result.appended.length,
        alreadyLogged: result.alreadyLogged,
        conflicts: result.conflicts,
        size: result.size,
      });
      const delays = result.appended.map((e) => Date.parse(e.integratedAt) - Date.parse(e.at));
      recordMetric('integrationDelay', Math.max(...delays));
    }
    // Finishes any batch a crashed sequencer committed but did not get into the bucket.
    await flushPending(log).catch((error: unknown) =>
      logger.warn('could not flush pending log batches', { error: error as Error }),
    );
    return { batchItemFailures: unreadable.map((itemIdentifier) => ({ itemIdentifier })) };
  },
);

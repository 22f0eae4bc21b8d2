// DynamoDB stream handlers: each new item (INSERT) is unmarshalled and parsed with its zod schema
// before the handler sees it; a record that does not parse, or whose handling fails, is reported
// as a batch item failure (the event source retries from it), never a crash of the whole batch.
// Items the consumer does not read (`select`) are skipped; see `coalesce` for consumers that
// recompute from current state.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from '../../runtime/logger.ts';
import { lambdaBase } from './lambda-base.ts';

/** A stream record that can never be handled: its new image does not match the schema. */
export class UnreadableRecord extends Error {}

export function newImageOf(record: DynamoDBRecord): Record<string, unknown> | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  return unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
}

export interface StreamHandlerOptions<T> {
  /** Items the consumer does not read are skipped. */
  readonly select?: (item: Record<string, unknown>) => boolean;
  /**
   * For a consumer that recomputes from current state (the KPI aggregates): records are handled
   * one at a time, in order, and a record whose key was already handled in the same batch is
   * skipped, since that handling read the state after every record of the batch was written.
   * Handled in parallel, a burst of records for sources sharing an aggregate (100 tenders of one
   * organisation closing at 09:00) lost its conditional writes to each other and retried.
   */
  readonly coalesce?: (item: T) => string | undefined;
}

export function streamHandler<S extends z.ZodType>(
  table: string,
  schema: S,
  handle: (item: z.output<S>, record: DynamoDBRecord) => Promise<void>,
  options: StreamHandlerOptions<z.output<S>> = {},
) {
  const select = options.select ?? (() => true);
  const coalesce = options.coalesce;
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = (handled: Set<string>) => async (record: DynamoDBRecord) => {
    const item = newImageOf(record);
    if (!item || !select(item)) return;
    try {
      const parsed = schema.safeParse(item);
      if (!parsed.success)
        throw new UnreadableRecord(`stream record does not match its schema: ${parsed.error.message}`);
      const key = coalesce?.(parsed.data);
      if (key !== undefined && handled.has(key)) return;
      await handle(parsed.data, record);
      if (key !== undefined) handled.add(key);
    } catch (error) {
      logger.error('stream record failed', {
        table,
        eventId: record.eventID,
        unreadable: error instanceof UnreadableRecord,
        error: error as Error,
      });
      throw error;
    }
  };
  return lambdaBase(
    async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
      processPartialResponse(event, recordHandler(new Set()), processor, {
        context,
        ...(coalesce ? { processInParallel: false } : {}),
      }),
  );
}

// DynamoDB stream handlers: each new item (INSERT) is unmarshalled and parsed with its zod schema
// before the handler sees it; a record that does not parse, or whose handling fails, is reported
// as a batch item failure (the event source retries from it), never a crash of the whole batch.
// Items the consumer does not read (`select`) are skipped.
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

export function streamHandler<S extends z.ZodType>(
  table: string,
  schema: S,
  handle: (item: z.output<S>, record: DynamoDBRecord) => Promise<void>,
  select: (item: Record<string, unknown>) => boolean = () => true,
) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord) => {
    const item = newImageOf(record);
    if (!item || !select(item)) return;
    try {
      const parsed = schema.safeParse(item);
      if (!parsed.success)
        throw new UnreadableRecord(`stream record does not match its schema: ${parsed.error.message}`);
      await handle(parsed.data, record);
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
      processPartialResponse(event, recordHandler, processor, { context }),
  );
}

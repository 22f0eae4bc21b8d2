// No change without its audit event, no event without its change: both go in one
// TransactWriteItems call, so DynamoDB commits both or neither.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, type AuditEventInput, auditEvent, auditItem } from '../audit/audit-event.ts';
import { resources } from '../config/settings.ts';
import { db } from './client.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Thrown when a condition on one of the change items failed; `index` says which. */
export class ConditionFailed extends Error {
  readonly index: number;
  constructor(index: number) {
    super(`condition failed on transaction item ${index}`);
    this.index = index;
  }
}

export async function writeWithAudit(
  items: readonly TransactItem[],
  event: AuditEventInput | AuditEvent,
  at?: string,
): Promise<AuditEvent> {
  // A caller that must cite the event id before the write (a signed receipt) builds the event first.
  const audit = 'eventId' in event ? event : auditEvent(event, at);
  const auditPut: TransactItem = {
    Put: {
      TableName: resources.table('audit'),
      Item: auditItem(audit),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [...items, auditPut] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const index = (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (index >= 0 && index < items.length) throw new ConditionFailed(index);
    }
    throw error;
  }
  return audit;
}

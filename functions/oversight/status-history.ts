// A contractor's status history: the audit events of its status changes (suspend, debar, lift),
// newest first, read from the audit table's byObject index. The actions come from the contractor
// lifecycle's transitions that change its status, so a new transition shows up here by itself.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AuditEvent } from '../../shared/audit/audit-event.ts';
import { eventFromItem } from '../../shared/audit-log/logged-event.ts';
import { db } from '../../shared/db/client.ts';
import { contractorLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { ContractorStatus } from '../../shared/parties/contractor-schemas.ts';
import { Id, Instant } from '../../shared/schemas/common.ts';

/** The audit actions of the transitions that set a contractor's status (not register, not edit). */
export const statusActions: readonly string[] = Object.entries(contractorLifecycle.transitions)
  .filter(([name]) => name !== 'register' && name !== 'edit')
  .flatMap(([, spec]) => (Array.isArray(spec.audit) ? spec.audit : [spec.audit as string]));

export const StatusHistoryEntry = z.object({
  eventId: Id,
  at: Instant,
  status: ContractorStatus,
  reason: z.string().optional(),
  until: Instant.optional(),
  actor: z.object({ sub: z.string(), role: z.string() }),
});
export type StatusHistoryEntry = z.infer<typeof StatusHistoryEntry>;

const toEntry = (event: AuditEvent): StatusHistoryEntry => {
  const change = (event.change ?? {}) as { status?: string; reason?: string; until?: string };
  return {
    eventId: event.eventId,
    at: event.at,
    status: ContractorStatus.parse(change.status ?? event.action.split('.').at(-1)),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.until ? { until: change.until } : {}),
    actor: { sub: event.actor.sub, role: event.actor.role },
  };
};

export async function statusHistoryPage(
  table: string,
  contractorId: string,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: StatusHistoryEntry[]; lastKey?: Record<string, unknown> }> {
  const actions = Object.fromEntries(statusActions.map((action, i) => [`:a${i}`, action]));
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :object',
      FilterExpression: `#action IN (${Object.keys(actions).join(', ')})`,
      ExpressionAttributeNames: { '#action': 'action' },
      ExpressionAttributeValues: { ':object': `contractor#${contractorId}`, ...actions },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => toEntry(eventFromItem(item))),
    ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}),
  };
}

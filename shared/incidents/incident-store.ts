// Incidents live in the tenders table, beside the tenders they extend (one function's grant):
//   INCIDENTS          INCIDENT#<incidentId>   the incident with its progress counters (the public
//                                              list: one small partition, newest first by ULID)
//   INCIDENT-WINDOW    <startedAt>#<fixedAt>   guard: one incident per window (declared twice = once)
//   INCIDENT-KEY       <Idempotency-Key>       guard: a retried declaration finds its incident
//   INCIDENT#<id>      TENDER#<tenderId>       the outcome for one affected tender (written once:
//                                              the per-tender idempotency marker)
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import { queryAll } from '../db/read-all.ts';
import {
  incidentEntity,
  incidentIdempotencyEntity,
  incidentOutcomeEntity,
  incidentWindowEntity,
} from '../entities/incidents.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Incident, IncidentTenderOutcome } from './incident-schemas.ts';

// Keys declared in shared/entities/incidents.ts.
export const incidentKey = (incidentId: string) => incidentEntity.key({ incidentId });
export const windowGuardKey = (startedAt: string, fixedAt: string) =>
  incidentWindowEntity.key({ startedAt, fixedAt });
export const idempotencyGuardKey = (key: string) => incidentIdempotencyEntity.key({ key });
export const outcomeKey = (incidentId: string, tenderId: string) =>
  incidentOutcomeEntity.key({ incidentId, tenderId });

/** The incident as stored: counters rather than a status. */
export interface StoredIncident extends Omit<Incident, 'status' | 'progress'> {
  readonly declaredBy: string;
  readonly affected?: number;
  readonly extended: number;
  readonly skipped: number;
}

export function toIncident(item: Record<string, unknown>): Incident {
  const s = item as unknown as StoredIncident;
  const affected = s.affected ?? null;
  const reached = s.extended + s.skipped;
  return {
    incidentId: s.incidentId,
    startedAt: s.startedAt,
    fixedAt: s.fixedAt,
    reason: s.reason,
    declaredAt: s.declaredAt,
    window: s.window,
    newClosingTime: s.newClosingTime,
    status: affected === null ? 'finding' : reached < affected ? 'extending' : 'done',
    progress: { affected, extended: s.extended, skipped: s.skipped },
  };
}

export async function getStoredIncident(incidentId: string): Promise<StoredIncident | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: tenderTable(), Key: incidentKey(incidentId), ConsistentRead: true }),
  );
  return result.Item as StoredIncident | undefined;
}

export async function getGuard(key: { pk: string; sk: string }): Promise<string | undefined> {
  const result = await db.send(new GetCommand({ TableName: tenderTable(), Key: key, ConsistentRead: true }));
  return result.Item?.incidentId as string | undefined;
}

export async function listIncidents(): Promise<Incident[]> {
  const items = await queryAll(tenderTable(), incidentEntity.pk({}), { prefix: incidentEntity.skPrefix({}) });
  return items.map(toIncident).sort((a, b) => (a.incidentId < b.incidentId ? 1 : -1));
}

export async function listOutcomes(incidentId: string): Promise<IncidentTenderOutcome[]> {
  const items = await queryAll(tenderTable(), incidentOutcomeEntity.pk({ incidentId }), {
    prefix: incidentOutcomeEntity.skPrefix({}),
    consistent: true,
  });
  return items.map(({ pk: _pk, sk: _sk, incidentId: _i, ...outcome }) => outcome as IncidentTenderOutcome);
}

/** Sets the number of affected tenders once: a redelivered find keeps the first count. */
export async function recordAffected(incidentId: string, affected: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tenderTable(),
        Key: incidentKey(incidentId),
        UpdateExpression: 'SET affected = :n',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(affected)',
        ExpressionAttributeValues: { ':n': affected },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * The outcome for one tender and its count on the incident, for the same transaction as the
 * tender's change: the outcome's condition makes a second arrival fail the whole transaction, so
 * a tender is extended and counted once per incident however often its message comes.
 */
export function outcomeItems(incidentId: string, outcome: IncidentTenderOutcome): TransactItem[] {
  const counter = outcome.outcome === 'extended' ? 'extended' : 'skipped';
  return [
    {
      Put: {
        TableName: tenderTable(),
        Item: { ...outcomeKey(incidentId, outcome.tenderId), incidentId, ...outcome },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tenderTable(),
        Key: incidentKey(incidentId),
        UpdateExpression: 'ADD #c :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#c': counter },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

export async function outcomeExists(incidentId: string, tenderId: string): Promise<boolean> {
  const result = await db.send(
    new GetCommand({
      TableName: tenderTable(),
      Key: outcomeKey(incidentId, tenderId),
      ConsistentRead: true,
      ProjectionExpression: 'pk',
    }),
  );
  return result.Item !== undefined;
}

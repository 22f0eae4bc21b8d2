// Helpers for the opening, evaluation and award tests: a local cloud of its own (own tables,
// queues and buckets on the shared emulators, so other test files' openers and safety nets never
// touch these tenders), waits, and reads of the stored state. Sealed bids: sealed-bids.ts.
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { db } from '../../shared/db/client.ts';
import { queryAll } from '../../shared/db/read-all.ts';
import { outboxEntity } from '../../shared/entities/audit.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { statusIndexSk } from '../../shared/tenders/tender-store.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

export * from './sealed-bids.ts';

const kms = new KMSClient({});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A local cloud on its own resource prefix; the test process's resource variables point at it. */
export async function startOwnCloud(
  settings: Record<string, string> = {},
  catalog: Record<string, FunctionSpec> = functionSpecs,
): Promise<TestCloud> {
  const cloud = await startTestCloud(
    // The schedules (the opening safety net, the checkpointer) at their deployed interval: a test
    // that needs them moves the clock, which runs them (local-clock-control.ts); one that waits
    // for checkpoints in real time asks for SCHEDULE_INTERVAL_MS: '1000'. Every second in every
    // such cloud was 8 % of the suite's function CPU.
    settings,
    { catalog, prefix: `eproc-t${Math.random().toString(36).slice(2, 8)}` },
  );
  Object.assign(process.env, cloud.env);
  return cloud;
}

/**
 * Moves the cloud's clock (and this process's) `afterMs` past the tender's deadline; the moved
 * clock runs the schedules, so the safety net queues the opening now instead of the timer's
 * real-time delay running out.
 */
export async function passDeadline(
  cloud: TestCloud,
  tender: Record<string, any>,
  afterMs = 1000,
): Promise<void> {
  // Forward only: a clock already further on (another tender's deadline) stays where it is.
  const at = Math.max(cloud.clock.nowMs(), Date.parse(tender.submissionDeadline) + afterMs);
  await cloud.clock.set(new Date(at).toISOString());
}

/** Polls until `done` (a state the system must reach on its own), or gives up with the last value. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await sleep(200);
    value = await probe();
  }
  return value;
}

export async function logPublicKey(): Promise<string> {
  const key = await kms.send(new GetPublicKeyCommand({ KeyId: process.env.KEY_LOG_ID }));
  return Buffer.from(key.PublicKey as Uint8Array).toString('base64');
}

export async function storedMeta(tenderId: string): Promise<Record<string, any>> {
  const result = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId }),
      ConsistentRead: true,
    }),
  );
  return result.Item as Record<string, any>;
}

/** Moves a stored deadline (and its index key) as a change by another path would, setting no timer. */
export async function moveStoredDeadline(tenderId: string, deadline: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId }),
      UpdateExpression: 'SET submissionDeadline = :d, gsi1sk = :sk',
      ExpressionAttributeValues: { ':d': deadline, ':sk': statusIndexSk(deadline, tenderId) },
    }),
  );
}

/** Audit events of the tender with this action, from the audit table's object index. */
export async function tenderEvents(tenderId: string, action?: string): Promise<Record<string, any>[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_AUDIT,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :k',
      ExpressionAttributeValues: { ':k': `tender#${tenderId}` },
    }),
  );
  return (result.Items ?? []).filter((e) => !action || e.action === action);
}

export async function publicMinutes(cloud: TestCloud, tenderId: string) {
  const response = await until(
    () => cloud.call('GET', `/tenders/${tenderId}/minutes`),
    (r) => r.status === 200,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { tenderId: string; items: any[] };
}

/** The tender's notification outbox: every event written for it, as stored. */
export function outboxOf(tenderId: string) {
  return queryAll(process.env.TABLE_NOTIFICATIONS as string, outboxEntity.pk({ tenderId }), {
    prefix: outboxEntity.skPrefix({}),
    consistent: true,
  });
}

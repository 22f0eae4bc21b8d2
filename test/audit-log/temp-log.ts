// A private log (its own table and Object Lock bucket) on the shared emulators, for tests that
// drive the sequencer core directly without disturbing the live log every test cloud shares.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
} from '@aws-sdk/client-s3';
import type { AuditEvent } from '../../shared/audit/audit-event.ts';
import { auditEvent } from '../../shared/audit/audit-event.ts';
import type { LogLocation } from '../../shared/audit-log/index.ts';
import { tables } from '../../shared/resources/tables.ts';
import { s3 } from '../../shared/storage/s3.ts';

export async function createLogTable(name: string): Promise<void> {
  const spec = tables.log;
  const attributes = new Set<string>([
    'pk',
    'sk',
    ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  await new DynamoDBClient({}).send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

export async function createLockedBucket(name: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: name, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: name,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
      },
    }),
  );
}

export async function tempLog(label: string): Promise<LogLocation> {
  const suffix = `${label}-${crypto.randomUUID().slice(0, 8)}`.toLowerCase();
  const location = { table: `eproc-test-log-${suffix}`, bucket: `eproc-test-log-${suffix}` };
  await Promise.all([createLogTable(location.table), createLockedBucket(location.bucket)]);
  return location;
}

const actions = ['tender.published', 'bid.submitted', 'contractor.registered', 'question.answered'];

/** Synthetic audit events, as writeWithAudit would make them, one millisecond apart. */
export function syntheticEvents(
  count: number,
  options: { tenderId?: string; startMs?: number } = {},
): AuditEvent[] {
  const start = options.startMs ?? Date.now();
  return Array.from({ length: count }, (_, i) =>
    auditEvent(
      {
        actor: { sub: `user-${i % 7}`, role: 'contractor' },
        action: actions[i % actions.length] as string,
        object: { type: 'thing', id: `thing-${i}` },
        ...(options.tenderId ? { tenderId: options.tenderId } : {}),
        change: { n: i, note: 'Gói thầu số 7', amount: 1_250_000_000 },
      },
      new Date(start + i).toISOString(),
    ),
  );
}

// Creates the tables, buckets, queues and keys in the emulators from the same declarations the
// CDK stacks read (shared/resources). Idempotent: running it against existing state is a no-op.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buckets } from '../../shared/resources/buckets.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv } from '../../shared/resources/env-names.ts';
import { keys } from '../../shared/resources/keys.ts';
import { queues } from '../../shared/resources/queues.ts';
import { type TableSpec, tables } from '../../shared/resources/tables.ts';

export interface ProvisionedResources {
  /** Environment variables naming every resource, by the names functions look them up under. */
  readonly env: Record<string, string>;
  /** Dead-letter queue URLs by the queue they serve. */
  readonly deadLetterQueues: Record<string, string>;
}

const physical = (prefix: string, name: string) =>
  `${prefix}-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

async function ensureTable(client: DynamoDBClient, name: string, spec: TableSpec): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([spec.partitionKey, spec.sortKey]);
  for (const index of spec.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: spec.partitionKey, KeyType: 'HASH' },
        { AttributeName: spec.sortKey, KeyType: 'RANGE' },
      ],
      ...(spec.indexes.length > 0
        ? {
            GlobalSecondaryIndexes: spec.indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
              ],
              Projection: { ProjectionType: 'ALL' as const },
            })),
          }
        : {}),
      ...(spec.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } } : {}),
    }),
  );
  if (spec.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: spec.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

async function ensureBucket(client: S3Client, name: string, spec: (typeof buckets)[keyof typeof buckets]) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: name }));
    return;
  } catch {
    // Absent: create it below.
  }
  const objectLock = 'objectLockDays' in spec;
  await client.send(new CreateBucketCommand({ Bucket: name, ObjectLockEnabledForBucket: objectLock }));
  await client.send(
    new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  if (objectLock) {
    await client.send(
      new PutObjectLockConfigurationCommand({
        Bucket: name,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: spec.objectLockDays } },
        },
      }),
    );
  }
  if (spec.browserAccess) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: name,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedMethods: ['GET', 'PUT', 'HEAD'],
              AllowedOrigins: ['*'],
              AllowedHeaders: ['*'],
              ExposeHeaders: ['ETag'],
            },
          ],
        },
      }),
    );
  }
}

async function ensureKey(
  client: KMSClient,
  alias: string,
  spec: (typeof keys)[keyof typeof keys],
): Promise<string> {
  try {
    const existing = await client.send(new DescribeKeyCommand({ KeyId: `alias/${alias}` }));
    if (existing.KeyMetadata?.KeyId) return existing.KeyMetadata.KeyId;
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  const created = await client.send(
    new CreateKeyCommand({ Description: spec.description, KeyUsage: spec.usage, KeySpec: spec.spec }),
  );
  const keyId = created.KeyMetadata?.KeyId;
  if (!keyId) throw new Error(`KMS emulator created no key for ${alias}`);
  await client.send(new CreateAliasCommand({ AliasName: `alias/${alias}`, TargetKeyId: keyId }));
  return keyId;
}

export async function provision(prefix: string): Promise<ProvisionedResources> {
  const env: Record<string, string> = {};
  const deadLetterQueues: Record<string, string> = {};
  const dynamo = new DynamoDBClient({});
  const s3 = new S3Client({ forcePathStyle: true });
  const sqs = new SQSClient({});
  const kms = new KMSClient({});

  await Promise.all(
    Object.entries(tables).map(async ([name, spec]) => {
      const tableName = physical(prefix, name);
      await ensureTable(dynamo, tableName, spec);
      env[tableEnv(name as keyof typeof tables)] = tableName;
    }),
  );
  for (const [name, spec] of Object.entries(buckets)) {
    const bucketName = physical(prefix, name);
    await ensureBucket(s3, bucketName, spec);
    env[bucketEnv(name as keyof typeof buckets)] = bucketName;
  }
  for (const [name, spec] of Object.entries(queues)) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${physical(prefix, name)}-dlq` }));
    const dlqArn = `arn:aws:sqs:ap-southeast-1:123456789012:${physical(prefix, name)}-dlq`;
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: physical(prefix, name),
        Attributes: {
          VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: spec.maxReceiveCount,
          }),
        },
      }),
    );
    if (!queue.QueueUrl || !dlq.QueueUrl) throw new Error(`SQS emulator created no queue for ${name}`);
    env[queueEnv(name as keyof typeof queues)] = queue.QueueUrl;
    deadLetterQueues[name] = dlq.QueueUrl;
  }
  for (const [name, spec] of Object.entries(keys)) {
    env[keyEnv(name as keyof typeof keys)] = await ensureKey(kms, physical(prefix, name), spec);
  }
  return { env, deadLetterQueues };
}

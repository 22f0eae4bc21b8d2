// Physical names and ARNs of the declared resources, computed from the stage and the declaration
// alone. The Api and Workflow stacks name tables, buckets and queues through these functions rather
// than through cross-stack references: no export locks the Data stack, and every ARN is a plain
// string pattern (which is also what lets IAM wildcard findings be acknowledged precisely).
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { BucketName } from '../../shared/resources/buckets.ts';
import type { QueueName } from '../../shared/resources/queues.ts';
import type { TableName } from '../../shared/resources/tables.ts';

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `eproc-prod-tender-keys`: the same shape the local runtime gives its resources. */
export const physicalName = (stage: string, name: string) => `eproc-${stage}-${kebab(name)}`;

export const tableName = (stage: string, table: TableName) => physicalName(stage, table);
export const queueName = (stage: string, queue: QueueName) => physicalName(stage, queue);
export const deadLetterQueueName = (stage: string, queue: QueueName) => `${queueName(stage, queue)}-dlq`;
export const functionName = (stage: string, fn: string) => physicalName(stage, fn);

/** Bucket names are global: the account and region make them unique without a random suffix. */
export const bucketName = (scope: IConstruct, stage: string, bucket: BucketName | 'accessLogs') => {
  const stack = Stack.of(scope);
  return `${physicalName(stage, bucket)}-${stack.account}-${stack.region}`;
};

export const tableArn = (scope: IConstruct, stage: string, table: TableName) =>
  Stack.of(scope).formatArn({
    service: 'dynamodb',
    resource: 'table',
    resourceName: tableName(stage, table),
  });

export const indexArn = (scope: IConstruct, stage: string, table: TableName, index: string) =>
  Stack.of(scope).formatArn({
    service: 'dynamodb',
    resource: 'table',
    resourceName: `${tableName(stage, table)}/index/${index}`,
  });

/** Every stream the table has had or will have (the stream label is only known after deployment). */
export const tableStreamsArn = (scope: IConstruct, stage: string, table: TableName) =>
  Stack.of(scope).formatArn({
    service: 'dynamodb',
    resource: 'table',
    resourceName: `${tableName(stage, table)}/stream/*`,
  });

export const bucketArn = (scope: IConstruct, stage: string, bucket: BucketName) =>
  Stack.of(scope).formatArn({
    service: 's3',
    region: '',
    account: '',
    resource: bucketName(scope, stage, bucket),
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });

export const queueArn = (scope: IConstruct, stage: string, queue: QueueName) =>
  Stack.of(scope).formatArn({
    service: 'sqs',
    resource: queueName(stage, queue),
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });

export const queueUrl = (scope: IConstruct, stage: string, queue: QueueName) => {
  const stack = Stack.of(scope);
  return `https://sqs.${stack.region}.${stack.urlSuffix}/${stack.account}/${queueName(stage, queue)}`;
};

/** `kms:ViaService` value for a service in the stack's region (`dynamodb.eu-west-1.amazonaws.com`). */
export const viaService = (scope: IConstruct, service: 'dynamodb' | 's3') => {
  const stack = Stack.of(scope);
  return `${service}.${stack.region}.${stack.urlSuffix}`;
};

/** Construct ids: `tenderKeys` → `TenderKeys`. */
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

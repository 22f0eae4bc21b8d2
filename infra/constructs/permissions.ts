// Turns a catalog entry's grants (and what its trigger's event source mapping needs) into IAM
// statements and environment variables. Nothing else gives a function access to anything: each
// statement names one resource, and only the actions the grant's access level implies.
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { FunctionSpec, Grant, Trigger } from '../../functions/function-spec.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv, userPoolEnv } from '../../shared/resources/env-names.ts';
import type { KeyName } from '../../shared/resources/keys.ts';
import type { QueueName } from '../../shared/resources/queues.ts';
import { type TableName, tables } from '../../shared/resources/tables.ts';
import type { DataResources } from './data-resources.ts';
import {
  bucketArn,
  bucketName,
  indexArn,
  queueArn,
  queueUrl,
  tableArn,
  tableName,
  tableStreamsArn,
  viaService,
} from './naming.ts';

export interface Permission {
  readonly statement: PolicyStatement;
  /** Why the wildcard in this statement's resources cannot be narrowed (acknowledges cdk-nag IAM5). */
  readonly wildcardReason?: string;
}

const tableReadActions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];
// DynamoDB decrypts the table key with the caller's credentials (cached per principal for minutes).
const tableKeyReadActions = ['kms:Decrypt', 'kms:DescribeKey'];
const tableKeyWriteActions = ['kms:Encrypt', 'kms:GenerateDataKey'];
const queueConsumeActions = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];
const keyActions = {
  encrypt: 'kms:Encrypt',
  decrypt: 'kms:Decrypt',
  sign: 'kms:Sign',
  publicKey: 'kms:GetPublicKey',
  mac: 'kms:GenerateMac',
} as const;

const allow = (actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
  new PolicyStatement({ effect: Effect.ALLOW, actions, resources, ...(conditions ? { conditions } : {}) });

function tablePermissions(
  scope: IConstruct,
  stage: string,
  table: TableName,
  access: 'read' | 'write' | 'readWrite' | 'append' | 'check',
  data: DataResources,
): Permission[] {
  const reads = access === 'read' || access === 'readWrite';
  const actions = [
    ...(reads ? tableReadActions : []),
    ...(access === 'write' || access === 'readWrite' ? tableWriteActions : []),
    ...(access === 'append' ? ['dynamodb:PutItem'] : []),
    ...(access === 'check' ? ['dynamodb:ConditionCheckItem'] : []),
  ];
  const indexes = tables[table].indexes.map((index) => indexArn(scope, stage, table, index.name));
  return [
    { statement: allow(actions, [tableArn(scope, stage, table)]) },
    // Only Query reads an index; GetItem and BatchGetItem address the base table.
    ...(reads && indexes.length > 0 ? [{ statement: allow(['dynamodb:Query'], indexes) }] : []),
    {
      statement: allow(
        [...tableKeyReadActions, ...(access === 'read' || access === 'check' ? [] : tableKeyWriteActions)],
        [data.tableKeys[table].keyArn],
        { StringEquals: { 'kms:ViaService': viaService(scope, 'dynamodb') } },
      ),
    },
  ];
}

function queueConsumePermission(scope: IConstruct, stage: string, queue: QueueName): Permission {
  return { statement: allow(queueConsumeActions, [queueArn(scope, stage, queue)]) };
}

const userPoolActions = {
  invite: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
  disable: [
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
  addToGroup: ['cognito-idp:AdminAddUserToGroup'],
} as const;

function userPoolOf(data: DataResources) {
  if (!data.userPool) throw new Error('a function is granted the user pool, but no user pool was given');
  return data.userPool;
}

export function grantPermissions(
  scope: IConstruct,
  stage: string,
  grant: Grant,
  data: DataResources,
): Permission[] {
  if ('table' in grant) return tablePermissions(scope, stage, grant.table, grant.access, data);
  if ('bucket' in grant) {
    // Size and stored checksum only: neither the bytes nor the bucket key (metadata needs no decryption).
    if (grant.access === 'attributes') {
      return [
        {
          statement: allow(
            ['s3:GetObjectAttributes'],
            [`${bucketArn(scope, stage, grant.bucket)}/${grant.prefix ?? ''}*`],
          ),
          wildcardReason: `Object keys under ${grant.prefix ? `prefix "${grant.prefix}"` : 'the bucket'} of ${grant.bucket} are generated ids; the grant is the key prefix.`,
        },
      ];
    }
    const reads = grant.access !== 'write';
    const writes = grant.access !== 'read';
    const objects = `${bucketArn(scope, stage, grant.bucket)}/${grant.prefix ?? ''}*`;
    return [
      {
        statement: allow(
          [...(reads ? ['s3:GetObject', 's3:GetObjectVersion'] : []), ...(writes ? ['s3:PutObject'] : [])],
          [objects],
        ),
        wildcardReason: `Object keys under ${grant.prefix ? `prefix "${grant.prefix}"` : 'the bucket'} of ${grant.bucket} are generated ids; the grant is the key prefix, objects cannot be listed in advance.`,
      },
      {
        statement: allow(
          [...(reads ? ['kms:Decrypt'] : []), ...(writes ? ['kms:GenerateDataKey'] : [])],
          [data.bucketKeys[grant.bucket].keyArn],
          { StringEquals: { 'kms:ViaService': viaService(scope, 's3') } },
        ),
      },
    ];
  }
  if ('queue' in grant) {
    return grant.access === 'send'
      ? [{ statement: allow(['sqs:SendMessage'], [queueArn(scope, stage, grant.queue)]) }]
      : [queueConsumePermission(scope, stage, grant.queue)];
  }
  if ('userPool' in grant)
    return [{ statement: allow([...userPoolActions[grant.access]], [userPoolOf(data).userPoolArn]) }];
  return [{ statement: allow([keyActions[grant.access]], [data.keys[grant.key].keyArn]) }];
}

/** What Lambda itself needs to poll the trigger's source with the function's role. */
export function triggerPermissions(
  scope: IConstruct,
  stage: string,
  trigger: Trigger,
  data: DataResources,
): Permission[] {
  if (trigger.kind === 'queue') return [queueConsumePermission(scope, stage, trigger.queue)];
  if (trigger.kind !== 'stream') return [];
  const streamArn = data.tableStreamArns[trigger.table];
  if (!streamArn) throw new Error(`table ${trigger.table} declares no stream to trigger a function`);
  return [
    {
      statement: allow(
        ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        [streamArn],
      ),
    },
    {
      statement: allow(['dynamodb:ListStreams'], [tableStreamsArn(scope, stage, trigger.table)]),
      wildcardReason: `ListStreams is scoped to the streams of table ${trigger.table}; the stream label in the ARN is assigned by DynamoDB at deployment.`,
    },
    // Stream records are encrypted with the table's key; Lambda reads them with this role.
    { statement: allow(['kms:Decrypt'], [data.tableKeys[trigger.table].keyArn]) },
  ];
}

export function permissionsFor(
  scope: IConstruct,
  stage: string,
  spec: FunctionSpec,
  data: DataResources,
): Permission[] {
  return [
    ...spec.grants.flatMap((grant) => grantPermissions(scope, stage, grant, data)),
    ...triggerPermissions(scope, stage, spec.trigger, data),
  ];
}

/** True for a trigger of that user pool (deployed with the pool, in the Auth stack). */
export function isTriggeredBy(spec: FunctionSpec, userPool: string): boolean {
  return spec.trigger.kind === 'userPool' && spec.trigger.userPool === userPool;
}

/** One variable per granted resource, named by shared/resources/env-names.ts: nothing ungranted. */
export function resourceEnvironment(
  scope: IConstruct,
  stage: string,
  spec: FunctionSpec,
  data: DataResources,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const grant of spec.grants) {
    if ('table' in grant) env[tableEnv(grant.table)] = tableName(stage, grant.table);
    else if ('bucket' in grant) env[bucketEnv(grant.bucket)] = bucketName(scope, stage, grant.bucket);
    else if ('queue' in grant) env[queueEnv(grant.queue)] = queueUrl(scope, stage, grant.queue);
    else if ('userPool' in grant) {
      // A pool's own trigger is told the pool by its event; naming it here would make the function
      // depend on the pool that depends on it.
      if (isTriggeredBy(spec, grant.userPool)) continue;
      env[userPoolEnv(grant.userPool)] = userPoolOf(data).userPoolId;
    } else env[keyEnv(grant.key as KeyName)] = data.keys[grant.key].keyArn;
  }
  return env;
}

// What each grant must give, written out from the function-spec contract independently of the
// infra code: resource label → actions. The IAM test compares every function's role against this.
import type { FunctionSpec, Grant, Trigger } from '../../../functions/function-spec.ts';
import { tables } from '../../../shared/resources/tables.ts';

export type Permissions = Map<string, Set<string>>;

const add = (into: Permissions, label: string, actions: readonly string[]) => {
  const set = into.get(label) ?? new Set<string>();
  for (const action of actions) set.add(action);
  into.set(label, set);
};

const tableRead = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const tableWrite = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];
const keyForReads = ['kms:Decrypt', 'kms:DescribeKey'];
const keyForWrites = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
const consume = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];
const keyAction = {
  mac: 'kms:GenerateMac',
  encrypt: 'kms:Encrypt',
  decrypt: 'kms:Decrypt',
  sign: 'kms:Sign',
  publicKey: 'kms:GetPublicKey',
};

function addGrant(into: Permissions, grant: Grant) {
  if ('table' in grant) {
    const reads = grant.access === 'read' || grant.access === 'readWrite';
    if (reads) {
      add(into, `table:${grant.table}`, tableRead);
      for (const index of tables[grant.table].indexes)
        add(into, `index:${grant.table}/${index.name}`, ['dynamodb:Query']);
    }
    if (grant.access === 'write' || grant.access === 'readWrite')
      add(into, `table:${grant.table}`, tableWrite);
    if (grant.access === 'append') add(into, `table:${grant.table}`, ['dynamodb:PutItem']);
    if (grant.access === 'check') add(into, `table:${grant.table}`, ['dynamodb:ConditionCheckItem']);
    add(
      into,
      `tableKey:${grant.table}`,
      grant.access === 'read' || grant.access === 'check' ? keyForReads : keyForWrites,
    );
  } else if ('bucket' in grant) {
    const objects = `objects:${grant.bucket}/${grant.prefix ?? ''}*`;
    if (grant.access === 'attributes') {
      add(into, objects, ['s3:GetObjectAttributes']);
      return;
    }
    if (grant.access !== 'write') {
      add(into, objects, ['s3:GetObject', 's3:GetObjectVersion']);
      add(into, `bucketKey:${grant.bucket}`, ['kms:Decrypt']);
    }
    if (grant.access !== 'read') {
      add(into, objects, ['s3:PutObject']);
      add(into, `bucketKey:${grant.bucket}`, ['kms:GenerateDataKey']);
    }
  } else if ('queue' in grant) {
    add(into, `queue:${grant.queue}`, grant.access === 'send' ? ['sqs:SendMessage'] : consume);
  } else if ('userPool' in grant) {
    add(
      into,
      `userPool:${grant.userPool}`,
      grant.access === 'invite'
        ? ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup']
        : grant.access === 'addToGroup'
          ? ['cognito-idp:AdminAddUserToGroup']
          : [
              'cognito-idp:AdminGetUser',
              'cognito-idp:AdminListGroupsForUser',
              'cognito-idp:AdminDisableUser',
              'cognito-idp:AdminUserGlobalSignOut',
            ],
    );
  } else {
    add(into, `key:${grant.key}`, [keyAction[grant.access]]);
  }
}

function addTrigger(into: Permissions, trigger: Trigger) {
  if (trigger.kind === 'queue') add(into, `queue:${trigger.queue}`, consume);
  if (trigger.kind === 'stream') {
    add(into, `stream:${trigger.table}`, [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
    add(into, `streams:${trigger.table}`, ['dynamodb:ListStreams']);
    add(into, `tableKey:${trigger.table}`, ['kms:Decrypt']);
  }
}

/** Data-resource permissions only; logs and X-Ray are checked separately. */
export function expectedPermissions(spec: FunctionSpec): Permissions {
  const permissions: Permissions = new Map();
  for (const grant of spec.grants) addGrant(permissions, grant);
  addTrigger(permissions, spec.trigger);
  return permissions;
}

export const sorted = (permissions: Permissions) =>
  Object.fromEntries(
    [...permissions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]),
  );

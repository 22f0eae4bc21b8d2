// How a resource's physical name reaches a function: one environment variable per granted resource.
import type { BucketName } from './buckets.ts';
import type { KeyName } from './keys.ts';
import type { QueueName } from './queues.ts';
import type { TableName } from './tables.ts';
import type { UserPoolName } from './user-pools.ts';

const upper = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

export const tableEnv = (name: TableName) => `TABLE_${upper(name)}`;
export const bucketEnv = (name: BucketName) => `BUCKET_${upper(name)}`;
export const queueEnv = (name: QueueName) => `QUEUE_${upper(name)}_URL`;
export const keyEnv = (name: KeyName) => `KEY_${upper(name)}_ID`;
/** The Cognito user pool's id, and its app client's, for a function granted the pool. */
export const userPoolEnv = (name: UserPoolName) => `USER_POOL_${upper(name)}_ID`;
export const userPoolClientEnv = (name: UserPoolName) => `USER_POOL_${upper(name)}_CLIENT_ID`;

/** Whether an environment variable is one of the above (names a physical resource). */
export const isResourceVariable = (variable: string): boolean =>
  /^(TABLE_|BUCKET_|KEY_|QUEUE_|USER_POOL_)/.test(variable);

// What the Data stack hands to the stacks whose functions use it: the keys (their ARNs are random,
// so they cannot be derived from names) and the stream ARNs (their labels are only known once
// deployed). Tables, buckets and queues are found by name (see naming.ts).
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { BucketName } from '../../shared/resources/buckets.ts';
import type { KeyName } from '../../shared/resources/keys.ts';
import type { TableName } from '../../shared/resources/tables.ts';

export interface DataResources {
  /** The Cognito user pool (Auth stack), for functions granted it; its id is random too. */
  readonly userPool?: { readonly userPoolArn: string; readonly userPoolId: string };
  /** Each table has its own encryption key, so a grant on one table's key reveals no other table. */
  readonly tableKeys: Readonly<Record<TableName, IKey>>;
  /** Each bucket has its own encryption key, for the same reason. */
  readonly bucketKeys: Readonly<Record<BucketName, IKey>>;
  /** The application keys of shared/resources/keys.ts. */
  readonly keys: Readonly<Record<KeyName, IKey>>;
  /** The current stream of each table that declares one. */
  readonly tableStreamArns: Readonly<Partial<Record<TableName, string>>>;
}

// The shape of one entry in the function catalog: what a function is, what triggers it and the
// grants it needs. The CDK stacks turn grants into IAM statements; the local runtime turns them
// into environment variables, so a function cannot even name a resource it was not granted.
import type { RouteContract } from '../shared/http/route-contract.ts';
import type { BucketName } from '../shared/resources/buckets.ts';
import type { KeyName } from '../shared/resources/keys.ts';
import type { QueueName } from '../shared/resources/queues.ts';
import type { TableName } from '../shared/resources/tables.ts';
import type { UserPoolName } from '../shared/resources/user-pools.ts';

/**
 * API Gateway HTTP API route throttling (throttlingRateLimit, throttlingBurstLimit): a token bucket
 * per route and stage, shared by every caller, that holds `burstLimit` requests and refills at
 * `rateLimit` per second. A request finding it empty gets 429 before any function runs.
 */
export interface Throttle {
  /** Steady requests per second; a positive integer. */
  readonly rateLimit: number;
  /** Requests accepted at once; a positive integer, at least the rate. */
  readonly burstLimit: number;
}

export type Trigger =
  | {
      readonly kind: 'http';
      readonly routes: readonly RouteContract[];
      /** Every route's throttle unless `routeThrottles` names it; absent: the stage default. */
      readonly throttle?: Throttle;
      /** Per-route overrides, keyed by the route's operationId. */
      readonly routeThrottles?: Readonly<Record<string, Throttle>>;
    }
  | {
      readonly kind: 'queue';
      readonly queue: QueueName;
      readonly batchSize: number;
      readonly maxConcurrency?: number;
    }
  | { readonly kind: 'schedule'; readonly everyMinutes: number }
  | {
      readonly kind: 'stream';
      readonly table: TableName;
      /** Records per invocation at most (Lambda: 1–10,000 for a DynamoDB stream). */
      readonly batchSize: number;
      /**
       * Lambda's MaximumBatchingWindowInSeconds (0–300): records are gathered until the batch is
       * full or this long after the first of them. For consumers whose work is not urgent and
       * coalesces (one recomputation for many events): they stay out of the way of the deadline's
       * openings instead of running beside them. Absent: invoked as soon as records arrive.
       */
      readonly batchingWindowSeconds?: number;
    }
  /**
   * A Cognito user pool trigger. Deployed with the pool (infra/stacks/auth-stack.ts), since the pool
   * names the function; locally the gateway's Cognito proxy invokes it (moto runs no triggers).
   * Cognito waits at most 5 s for it.
   */
  | { readonly kind: 'userPool'; readonly userPool: UserPoolName; readonly event: 'postConfirmation' };

export type Grant =
  /**
   * `append` is PutItem only: for the audit table, which nothing may update or delete. `check` is
   * ConditionCheckItem only: a transaction may depend on an item the function cannot change.
   */
  | { readonly table: TableName; readonly access: 'read' | 'write' | 'readWrite' | 'append' | 'check' }
  /**
   * `write` is PutObject only (presigned uploads); `read` is GetObject (presigned downloads);
   * `attributes` is GetObjectAttributes only (size and stored checksum, never the bytes).
   */
  | {
      readonly bucket: BucketName;
      readonly access: 'read' | 'write' | 'readWrite' | 'attributes';
      readonly prefix?: string;
    }
  | { readonly queue: QueueName; readonly access: 'send' | 'consume' }
  | { readonly key: KeyName; readonly access: 'encrypt' | 'decrypt' | 'sign' | 'publicKey' | 'mac' }
  /**
   * The Cognito user pool: `invite` is AdminCreateUser and AdminAddUserToGroup; `disable` is
   * AdminGetUser, AdminListGroupsForUser, AdminDisableUser and AdminUserGlobalSignOut; `addToGroup`
   * is AdminAddUserToGroup only (the post-confirmation trigger).
   */
  | { readonly userPool: UserPoolName; readonly access: 'invite' | 'disable' | 'addToGroup' };

export interface FunctionSpec {
  readonly description: string;
  /** Path of the handler module from the project root; it exports `handler`. */
  readonly entry: string;
  readonly trigger: Trigger;
  readonly grants: readonly Grant[];
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /**
   * Packages left out of the bundle and installed beside it (NodejsFunction `nodeModules`), for
   * code that only some requests load with `await import()`: the cold start does not parse them.
   */
  readonly lazyPackages?: readonly string[];
  /**
   * Files generated ahead of time that the handler reads at run time, each in the entry's own
   * folder: copied beside the bundle, so `new URL('./name', import.meta.url)` finds them both in
   * the source tree (local runtime) and in the deployed asset.
   */
  readonly files?: readonly string[];
}

/** Table grants that let a function change items: what it may add to the table's stream. */
const writingTableAccess = new Set(['write', 'readWrite', 'append']);

/** The tables a function may write, from its grants. */
export function tablesWrittenBy(spec: FunctionSpec): ReadonlySet<TableName> {
  const written = new Set<TableName>();
  for (const grant of spec.grants) {
    if ('table' in grant && writingTableAccess.has(grant.access)) written.add(grant.table);
  }
  return written;
}

// Plans in the tenders table (shared/entities/plans.ts): one partition per plan,
//   META               the current state with its packages (carries the index keys)
//   REV#000001 ...     the full snapshot of each published revision, with what it changed
//   PACKAGE#<id>       a package's progress once it has any (its tender, or its offline result)
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEventInput } from '../audit/audit-event.ts';
import { resources } from '../config/settings.ts';
import { type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import { queryEvery } from '../db/read-all.ts';
import { conditionFailure, onConditionFailure } from '../db/write-conflicts.ts';
import { planEntity, planPackageEntity, planRevisionEntity } from '../entities/plans.ts';
import { PreconditionFailed } from '../errors/domain-error.ts';
import type { OfflineResult, Plan, PlanRevision, PlanRevisionSummary } from './plan-schemas.ts';

export const planTable = () => resources.table('tenders');

/** A package's stored progress (its PACKAGE# item): its state is planPackageLifecycle's. */
export interface PackageRecord {
  readonly planId: string;
  readonly packageId: string;
  readonly status: 'tendering' | 'offline';
  readonly tenderId?: string;
  readonly previousTenderIds?: readonly string[];
  readonly offlineResult?: OfflineResult;
  readonly version: number;
  readonly updatedAt: string;
}

const isPublished = (p: Plan) => p.publishedAt !== undefined;

export const planItem = (p: Plan) => ({
  ...planEntity.key({ planId: p.planId }),
  ...planEntity.indexKey('byBuyer', p),
  ...(isPublished(p) ? planEntity.indexKey('byStatus', p) : {}),
  ...p,
});

export function toPlan(item: Record<string, unknown>): Plan {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...plan } = item;
  return plan as Plan;
}

export async function getPlan(planId: string): Promise<Plan | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: planTable(), Key: planEntity.key({ planId }), ConsistentRead: true }),
  );
  return result.Item ? toPlan(result.Item) : undefined;
}

/**
 * The META write of `next`, on condition it is still at `expected` ('new': it does not exist) and
 * no package's progress moved since it was read (a revision's guards read that progress).
 */
export function planPut(next: Plan, expected: Plan | 'new'): TransactItem {
  return {
    Put: {
      TableName: planTable(),
      Item: planItem(next),
      ...(expected === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected AND progressVersion = :progress',
            ExpressionAttributeValues: {
              ':expected': expected.version,
              ':progress': expected.progressVersion,
            },
          }),
    },
  };
}

/**
 * A package's progress moved: one more progressVersion, on condition the plan's content is still
 * the `version` the caller checked the package against (its estimate, online or offline).
 */
export function planProgressBump(planId: string, version: number): TransactItem {
  return {
    Update: {
      TableName: planTable(),
      Key: planEntity.key({ planId }),
      UpdateExpression: 'ADD progressVersion :one',
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':one': 1, ':v': version },
    },
  };
}

/**
 * Writes the plan (first item) with the other items and the audit event, all or nothing. A lost
 * race on the plan itself is a 412 with the current ETag; `translate` may name a better problem
 * for a failed condition on another item (its index in `extra`, from 0).
 */
export async function savePlan(
  next: Plan,
  expected: Plan | 'new',
  event: Omit<AuditEventInput, 'object'>,
  extra: readonly TransactItem[] = [],
  translate: (index: number) => Error | undefined = () => undefined,
): Promise<void> {
  try {
    await writeWithAudit(
      [planPut(next, expected), ...extra],
      { ...event, object: { type: 'plan', id: next.planId } },
      next.updatedAt,
    );
  } catch (error) {
    const failed = conditionFailure(error)?.index;
    const current = failed === 0 && expected !== 'new' ? await getPlan(next.planId) : undefined;
    onConditionFailure(error, ({ index }) => {
      if (index === 0 && expected !== 'new' && current?.version !== expected.version) {
        return new PreconditionFailed(
          'PRECONDITION_FAILED',
          'the plan was changed by someone else: read it again',
          current?.version,
        );
      }
      // Same version, but a package got a tender or an offline result meanwhile: the generic 409.
      if (index === 0) return undefined;
      return index !== undefined && index > 0 ? translate(index - 1) : undefined;
    });
  }
}

export function planRevisionPut(planId: string, revision: PlanRevision): TransactItem {
  return {
    Put: {
      TableName: planTable(),
      Item: { ...planRevisionEntity.key({ planId, revision: revision.revision }), planId, ...revision },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const withoutKeys = <T>({ pk: _pk, sk: _sk, planId: _p, ...rest }: Record<string, unknown>) => rest as T;

/** Every published revision with its snapshot, oldest first (sort keys are zero-padded). */
export async function loadPlanRevisions(planId: string): Promise<PlanRevision[]> {
  const items = await queryEvery({
    TableName: planTable(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
    ExpressionAttributeValues: {
      ':pk': planEntity.pk({ planId }),
      ':rev': planRevisionEntity.skPrefix({}),
    },
  });
  return items.map((i) => withoutKeys<PlanRevision>(i));
}

export const planRevisionSummary = ({ snapshot: _s, ...summary }: PlanRevision): PlanRevisionSummary =>
  summary;

export async function getPlanRevision(planId: string, revision: number): Promise<PlanRevision | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: planTable(), Key: planRevisionEntity.key({ planId, revision }) }),
  );
  return result.Item ? withoutKeys<PlanRevision>(result.Item) : undefined;
}

export async function getPackageRecord(
  planId: string,
  packageId: string,
): Promise<PackageRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: planTable(),
      Key: planPackageEntity.key({ planId, packageId }),
      ConsistentRead: true,
    }),
  );
  return result.Item ? toPackageRecord(result.Item) : undefined;
}

const toPackageRecord = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) =>
  rest as unknown as PackageRecord;

/** Every package of the plan that has progress, by packageId. */
export async function listPackageRecords(planId: string): Promise<Map<string, PackageRecord>> {
  const items = await queryEvery({
    TableName: planTable(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: {
      ':pk': planEntity.pk({ planId }),
      ':p': planPackageEntity.skPrefix({}),
    },
    ConsistentRead: true,
  });
  return new Map(items.map((i) => [i.packageId as string, toPackageRecord(i)]));
}

/** The PACKAGE# write of `next`, on condition it is still at `expected` ('new': it has none). */
export function packagePut(next: PackageRecord, expected: number | 'new'): TransactItem {
  return {
    Put: {
      TableName: planTable(),
      Item: { ...planPackageEntity.key(next), ...next },
      ...(expected === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expected },
          }),
    },
  };
}

export async function queryPlans(input: {
  index: 'byStatus' | 'byBuyer';
  partition: string;
  limit: number;
  startKey: Record<string, unknown> | undefined;
  /** Only plans in this state (a filter: a page may hold fewer than `limit`). */
  status?: string;
}) {
  const attribute = input.index === 'byStatus' ? 'gsi1pk' : 'gsi2pk';
  const page = await db.send(
    new QueryCommand({
      TableName: planTable(),
      IndexName: input.index,
      KeyConditionExpression: `${attribute} = :p`,
      ...(input.status
        ? { FilterExpression: '#state = :state', ExpressionAttributeNames: { '#state': 'status' } }
        : {}),
      ExpressionAttributeValues: {
        ':p': input.partition,
        ...(input.status ? { ':state': input.status } : {}),
      },
      ScanIndexForward: false,
      Limit: input.limit,
      ExclusiveStartKey: input.startKey,
    }),
  );
  return { items: (page.Items ?? []).map(toPlan), lastKey: page.LastEvaluatedKey };
}

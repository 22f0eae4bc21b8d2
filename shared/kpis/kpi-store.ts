// Keeps the monthly aggregates (shared/entities/kpis.ts) in step with their sources. For one source
// it reads what the source contributed last time, then the source's current state (both strongly
// consistent, in that order), and writes the difference into each aggregate it touches together
// with the new contribution, in one transaction conditioned on every version it read. Replaying an
// event (stream redelivery, a retry) finds nothing to change; two consumers racing on one source
// or one month item lose a condition, and the loser starts again from fresh reads.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import type { TransactItem } from '../db/audited-write.ts';
import { db } from '../db/client.ts';
import { batchGetAll, queryAll } from '../db/read-all.ts';
import { kpiContributionEntity, kpiMonthEntity, kpiMonthsEntity } from '../entities/kpis.ts';
import { planEntity, planPackageEntity } from '../entities/plans.ts';
import type { AwardRecord, MinutesRecord } from '../entities/records.ts';
import { awardEntity, complaintEntity, minutesEntity, tenderEntity } from '../entities/tenders.ts';
import {
  type Contribution,
  contributionDelta,
  type PlanState,
  parseAggregateKey,
  planContribution,
  type TenderState,
  tenderContribution,
} from './contributions.ts';
import { addCell, type Cell, decodeCells, emptyCell, encodeCells, isEmptyCell } from './figures.ts';

const kpiTable = () => resources.table('kpis');
const sourceTable = () => resources.table('tenders');

/** A DynamoDB transaction holds at most 100 items: the contribution, the registry and 98 month items. */
const maxAggregates = 98;
const maxAttempts = 10;

export type Source =
  | { readonly kind: 'tender'; readonly id: string }
  | { readonly kind: 'plan'; readonly id: string };
export const sourceName = (s: Source) => `${s.kind.toUpperCase()}#${s.id}`;

interface StoredContribution {
  readonly aggregates: Contribution;
  readonly version: number;
}

async function storedContribution(source: Source): Promise<StoredContribution> {
  const found = await db.send(
    new GetCommand({
      TableName: kpiTable(),
      Key: kpiContributionEntity.key({ source: sourceName(source) }),
      ConsistentRead: true,
    }),
  );
  return found.Item
    ? { aggregates: found.Item.aggregates as Contribution, version: found.Item.version as number }
    : { aggregates: {}, version: 0 };
}

async function getConsistent(key: { pk: string; sk: string }) {
  const found = await db.send(new GetCommand({ TableName: sourceTable(), Key: key, ConsistentRead: true }));
  return found.Item;
}

export async function readTenderState(tenderId: string): Promise<TenderState | undefined> {
  const meta = await getConsistent(tenderEntity.key({ tenderId }));
  if (!meta) return undefined;
  const pk = tenderEntity.pk({ tenderId });
  const [minutes, awards, complaints] = await Promise.all([
    queryAll(sourceTable(), pk, { prefix: minutesEntity.skPrefix({}), consistent: true }),
    queryAll(sourceTable(), pk, { prefix: awardEntity.skPrefix({}), consistent: true }),
    queryAll(sourceTable(), pk, { prefix: complaintEntity.skPrefix({}), consistent: true }),
  ]);
  return {
    meta: meta as unknown as TenderState['meta'],
    minutes: minutes as unknown as MinutesRecord[],
    awards: awards as unknown as AwardRecord[],
    complaints: complaints.length,
  };
}

export async function readPlanState(planId: string): Promise<PlanState | undefined> {
  const plan = await getConsistent(planEntity.key({ planId }));
  if (!plan) return undefined;
  const records = await queryAll(sourceTable(), planEntity.pk({ planId }), {
    prefix: planPackageEntity.skPrefix({}),
    consistent: true,
  });
  return {
    plan: plan as unknown as PlanState['plan'],
    progress: new Map(records.map((r) => [r.packageId as string, r.status as string])),
  };
}

export async function currentContribution(source: Source): Promise<Contribution> {
  return source.kind === 'tender'
    ? tenderContribution(await readTenderState(source.id))
    : planContribution(await readPlanState(source.id));
}

const monthKey = (aggregate: string) => {
  const { organisationId, month } = parseAggregateKey(aggregate);
  return kpiMonthEntity.key({ organisationId, month });
};

/** The month item's cells after adding `delta` (cells that come to nothing are dropped). */
function applied(stored: Record<string, Cell>, delta: Record<string, Cell>): Record<string, Cell> {
  const cells: Record<string, Cell> = { ...stored };
  for (const [k, d] of Object.entries(delta)) {
    const next = addCell(cells[k] ?? emptyCell(), d);
    if (isEmptyCell(next)) delete cells[k];
    else cells[k] = next;
  }
  return cells;
}

export type ApplyOutcome = 'unchanged' | 'applied';

/** Brings the aggregates in step with `source`'s current state. Safe to repeat and to race. */
export async function applySource(source: Source): Promise<ApplyOutcome> {
  for (let attempt = 1; ; attempt++) {
    const stored = await storedContribution(source);
    const next = await currentContribution(source);
    const delta = contributionDelta(stored.aggregates, next);
    const aggregates = Object.keys(delta);
    if (aggregates.length === 0) return 'unchanged';
    if (aggregates.length > maxAggregates) {
      throw new Error(
        `${sourceName(source)} moves ${aggregates.length} month items; at most ${maxAggregates}`,
      );
    }
    const months = await batchGetAll(kpiTable(), aggregates.map(monthKey), { consistent: true });
    const byKey = new Map(months.map((m) => [`${m.pk}|${m.sk}`, m]));
    const items: TransactItem[] = aggregates.map((aggregate) => {
      const key = monthKey(aggregate);
      const current = byKey.get(`${key.pk}|${key.sk}`);
      const version = (current?.version as number | undefined) ?? 0;
      const { organisationId, month } = parseAggregateKey(aggregate);
      return {
        Put: {
          TableName: kpiTable(),
          Item: {
            ...key,
            organisationId,
            month,
            cells: encodeCells(
              applied(decodeCells(current?.cells as string | undefined), delta[aggregate] ?? {}),
            ),
            version: version + 1,
          },
          ...(current
            ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      };
    });
    // A month seen for the first time joins the registry the report reads its keys from.
    const newMonths = [
      ...new Set(
        aggregates
          .filter((a) => {
            const key = monthKey(a);
            return !byKey.has(`${key.pk}|${key.sk}`);
          })
          .map((a) => parseAggregateKey(a).month),
      ),
    ];
    if (newMonths.length > 0) {
      items.push({
        Update: {
          TableName: kpiTable(),
          Key: kpiMonthsEntity.key({}),
          UpdateExpression: 'ADD months :m',
          ExpressionAttributeValues: { ':m': new Set(newMonths) },
        },
      });
    }
    items.push({
      Put: {
        TableName: kpiTable(),
        Item: {
          ...kpiContributionEntity.key({ source: sourceName(source) }),
          source: sourceName(source),
          aggregates: next,
          version: stored.version + 1,
        },
        ...(stored.version > 0
          ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': stored.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    });
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'applied';
    } catch (error) {
      const lost =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some(
          (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
        );
      if (!lost || attempt >= maxAttempts) throw error;
      // Someone else moved the source or a month item: start again from what is stored now.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

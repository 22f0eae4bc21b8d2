// Red-flag rows in the flags table (shared/entities/flags.ts): a run writes all its rows under its
// own partition, then switches the CURRENT pointer to itself, then deletes the run it replaced, so
// a reader always sees one whole run.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { flagCurrentRunEntity, flagRowEntity } from '../entities/flags.ts';
import { limiter } from '../platform/concurrency.ts';
import type { Key, QueryPage } from '../platform/paged-query.ts';
import type { FlagKind, FlagRow } from './flag-rows.ts';

const table = () => resources.table('flags');

export interface FlagRun {
  readonly runId: string;
  /** The export run the flags were computed from, and when it started. */
  readonly exportRunId: string;
  readonly exportedAt: string;
  readonly computedAt: string;
  readonly releases: number;
  readonly invalidLines: number;
  readonly flags: number;
}

export async function currentFlagRun(): Promise<FlagRun | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: table(), Key: flagCurrentRunEntity.key({}), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, ...run } = result.Item;
  return run as FlagRun;
}

/** Writes the rows (a few at a time, the caller's iteration order). */
export async function storeFlagRows(runId: string, rows: Iterable<FlagRow>): Promise<number> {
  const run = limiter(16);
  const pending = new Set<Promise<unknown>>();
  let count = 0;
  for (const row of rows) {
    const write = run(() =>
      db.send(
        new PutCommand({ TableName: table(), Item: { ...flagRowEntity.key({ runId, ...row }), ...row } }),
      ),
    );
    pending.add(write);
    write.finally(() => pending.delete(write)).catch(() => {});
    count += 1;
    // Backpressure: never more than a few hundred rows waiting in memory.
    if (pending.size >= 256) await Promise.race(pending);
  }
  await Promise.all(pending);
  return count;
}

export async function switchFlagRun(run: FlagRun): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: { ...flagCurrentRunEntity.key({}), ...run } }));
}

/** Deletes the rows of a run that is no longer current. */
export async function deleteFlagRun(runId: string): Promise<void> {
  const run = limiter(16);
  let startKey: Key | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': flagRowEntity.pk({ runId }) },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    await Promise.all(
      (page.Items ?? []).map((item) =>
        run(() => db.send(new DeleteCommand({ TableName: table(), Key: { pk: item.pk, sk: item.sk } }))),
      ),
    );
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** One query of a run's rows whose sort key starts with `kind#indicator#` (either may be absent). */
export async function queryFlagRows(
  runId: string,
  filter: { kind?: FlagKind; indicator?: string },
  limit: number,
  startKey: Key | undefined,
): Promise<QueryPage<FlagRow>> {
  const prefix = flagRowEntity.skPrefix({
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.kind && filter.indicator ? { indicator: filter.indicator } : {}),
  });
  const page = await db.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': flagRowEntity.pk({ runId }),
        ...(prefix ? { ':prefix': prefix } : {}),
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...row }) => row as FlagRow),
    lastKey: page.LastEvaluatedKey,
  };
}

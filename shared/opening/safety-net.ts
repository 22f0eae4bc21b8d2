// The safety net under the timers: every tender past its deadline and not yet opened gets a fresh
// timer, so a lost message (a failed send after publication, a timer in the dead-letter queue, an
// opening cut short) delays an opening by one schedule period at most. Likewise an approved
// two-envelope list whose financial opening never happened.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { queryEvery } from '../db/read-all.ts';
import { tenderEntity } from '../entities/tenders.ts';
import { statusIndexSk, tenderTable } from '../tenders/tender-store.ts';
import { type EvaluationState, evaluationKey } from './evaluation-state.ts';
import type { OpeningTimer } from './messages.ts';
import { sendOpeningMessage, sendTimers, timerFor } from './timers.ts';

/** How long an approved list may wait for its financial opening before it is queued again. */
const FINANCIAL_GRACE_MS = 60_000;

/** Tenders of `status` whose deadline is at or before `nowIso`, from the byStatus index. */
async function pastDeadline(status: 'published' | 'closed', nowIso: string): Promise<OpeningTimer[]> {
  const items = await queryEvery({
    TableName: tenderTable(),
    IndexName: 'byStatus',
    KeyConditionExpression: 'gsi1pk = :status AND gsi1sk <= :upTo',
    ExpressionAttributeValues: {
      ':status': tenderEntity.indexPk('byStatus', { status }),
      ':upTo': statusIndexSk(nowIso, '~'),
    },
    ProjectionExpression: 'tenderId, submissionDeadline, version, deadlineVersion',
  });
  const timers = items.map((item) =>
    timerFor({
      tenderId: item.tenderId as string,
      submissionDeadline: item.submissionDeadline as string,
      version: item.version as number,
      deadlineVersion: item.deadlineVersion as number | undefined,
    }),
  );
  return timers;
}

export async function sweepOverdueOpenings(nowIso: string): Promise<OpeningTimer[]> {
  const [published, closed] = await Promise.all([
    pastDeadline('published', nowIso),
    pastDeadline('closed', nowIso),
  ]);
  const timers = [...published, ...closed];
  await sendTimers(timers);
  return timers;
}

/** Evaluating tenders whose compliant list was approved a while ago and whose prices are still sealed. */
export async function sweepStalledFinancialOpenings(nowIso: string): Promise<string[]> {
  const table = tenderTable();
  const evaluating = await queryEvery({
    TableName: table,
    IndexName: 'byStatus',
    KeyConditionExpression: 'gsi1pk = :status',
    FilterExpression: 'envelopeProcedure = :two',
    ExpressionAttributeValues: {
      ':status': tenderEntity.indexPk('byStatus', { status: 'evaluating' }),
      ':two': 'two-envelope',
    },
    ProjectionExpression: 'tenderId',
  });
  const tenderIds = evaluating.map((i) => String(i.tenderId));
  const stalled: string[] = [];
  for (let i = 0; i < tenderIds.length; i += 100) {
    let keys: Record<string, unknown>[] = tenderIds.slice(i, i + 100).map(evaluationKey);
    while (keys.length > 0) {
      const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
      for (const item of (result.Responses?.[table] ?? []) as unknown as EvaluationState[]) {
        const waited = Date.parse(nowIso) - Date.parse(item.approvedAt ?? nowIso);
        if (item.stage === 'technical-approved' && waited > FINANCIAL_GRACE_MS) stalled.push(item.tenderId);
      }
      keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  await Promise.all(stalled.map((tenderId) => sendOpeningMessage({ kind: 'open-financial', tenderId })));
  return stalled;
}

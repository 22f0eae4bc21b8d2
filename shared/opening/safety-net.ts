// The safety net under the timers: every tender past its deadline and not yet opened gets a fresh
// timer, so a lost message (a failed send after publication, a timer in the dead-letter queue, an
// opening cut short) delays an opening by one schedule period at most.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { statusIndexSk, tenderTable } from '../tenders/tender-store.ts';
import type { OpeningTimer } from './messages.ts';
import { sendTimers, timerFor } from './timers.ts';

/** Tenders of `status` whose deadline is at or before `nowIso`, from the byStatus index. */
async function pastDeadline(status: 'published' | 'closed', nowIso: string): Promise<OpeningTimer[]> {
  const timers: OpeningTimer[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tenderTable(),
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi1pk = :status AND gsi1sk <= :upTo',
        ExpressionAttributeValues: { ':status': `STATUS#${status}`, ':upTo': statusIndexSk(nowIso, '~') },
        ProjectionExpression: 'tenderId, submissionDeadline, version, deadlineVersion',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      timers.push(
        timerFor({
          tenderId: item.tenderId as string,
          submissionDeadline: item.submissionDeadline as string,
          version: item.version as number,
          deadlineVersion: item.deadlineVersion as number | undefined,
        }),
      );
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
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

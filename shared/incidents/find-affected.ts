// The tenders an incident affects, from the byStatus index (one partition per status, sorted by
// closing time: the same index the opening safety net finds past-deadline tenders in): a range
// query per status over the window, never a scan of the table. Published tenders are the ones to
// extend; closed and later ones are found too, so the incident reports them as skipped instead of
// leaving them out silently. Cancelled tenders close nothing and drafts are not in the index.
import { queryEvery } from '../db/read-all.ts';
import { tenderEntity } from '../entities/tenders.ts';
import { statusIndexSk, tenderTable } from '../tenders/tender-store.ts';
import type { OutageWindow } from './outage-rule.ts';

export const affectedStatuses = [
  'published',
  'closed',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'unsuccessful',
] as const;

async function inWindow(status: string, window: OutageWindow): Promise<string[]> {
  const items = await queryEvery({
    TableName: tenderTable(),
    IndexName: 'byStatus',
    // Sort keys are `<deadline>#<tenderId>`: '' sorts before and '~' after every tender id.
    KeyConditionExpression: 'gsi1pk = :status AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':status': tenderEntity.indexPk('byStatus', { status }),
      ':from': statusIndexSk(window.from, ''),
      ':to': statusIndexSk(window.to, '~'),
    },
    ProjectionExpression: 'tenderId',
  });
  return items.map((i) => String(i.tenderId));
}

/** Ids of every tender (published or later) whose closing time is in the window, each once. */
export async function findAffectedTenders(window: OutageWindow): Promise<string[]> {
  // A tender may move between status partitions while they are read (an opener claiming it).
  const found = await Promise.all(affectedStatuses.map((s) => inWindow(s, window)));
  return [...new Set(found.flat())].sort();
}

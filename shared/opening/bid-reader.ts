// The bids an opening reads: every bidder's current pointer on the tender (bid-records.ts),
// active ones only (a withdrawal leaves nothing to open), with the bid version each points at.

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bidKeys, type CurrentBidPointer } from '../bids/bid-records.ts';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { batchGetAll, queryAll } from '../db/read-all.ts';
import { bidVersionEntity } from '../entities/bids.ts';
import type { TwoEnvelopeBidRecord } from './two-envelope.ts';

export interface BidCandidate {
  readonly pointer: CurrentBidPointer;
  readonly record: TwoEnvelopeBidRecord | undefined;
}

export async function listCurrentPointers(tenderId: string): Promise<CurrentBidPointer[]> {
  const tender = bidKeys.current(tenderId, '', '').pk;
  const items = await queryAll(resources.table('bids'), tender, {
    prefix: bidKeys.currentPrefix,
    consistent: true,
  });
  return items as unknown as CurrentBidPointer[];
}

export async function loadBidCandidates(
  tenderId: string,
  include: (pointer: CurrentBidPointer) => boolean = () => true,
): Promise<BidCandidate[]> {
  const pointers = (await listCurrentPointers(tenderId)).filter((p) => p.status === 'active' && include(p));
  const keyOf = (p: CurrentBidPointer) => bidKeys.version(tenderId, p.lotId, p.bidderRef, p.version);
  const found = await batchGetAll(resources.table('bids'), pointers.map(keyOf), { consistent: true });
  const records = new Map(
    found.map((item) => [`${item.pk}|${item.sk}`, item as unknown as TwoEnvelopeBidRecord]),
  );
  return pointers.map((pointer) => {
    const key = keyOf(pointer);
    return { pointer, record: records.get(`${key.pk}|${key.sk}`) };
  });
}

/** Whether any bid version (active, replaced or withdrawn) was ever stored for the tender. */
export async function anyBidStored(tenderId: string): Promise<boolean> {
  const result = await db.send(
    new QueryCommand({
      TableName: resources.table('bids'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bid)',
      ExpressionAttributeValues: {
        ':pk': bidKeys.version(tenderId, '', '', 0).pk,
        ':bid': bidVersionEntity.skPrefix({}),
      },
      ProjectionExpression: 'pk',
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).length > 0;
}

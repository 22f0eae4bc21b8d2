// Awards, complaints and contracts in the tenders table, in the tender's partition:
//   AWARD#<lotId>          the lot's award (one at a time), with its standstill and contract
//   COMPLAINT#<id>         a bidder's complaint during the standstill and the entity's answer
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { tenderPk } from '../tenders/tender-store.ts';

export interface ContractRecord {
  readonly contractId: string;
  /** Integer minor units as decimal digits; never above the awarded amount. */
  readonly value: string;
  readonly currency: string;
  readonly signedAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface AwardRecord {
  readonly tenderId: string;
  readonly lotId: string;
  readonly awardId: string;
  readonly bidId: string;
  readonly contractorId: string;
  readonly contractorName?: string;
  readonly rank: number;
  /** The awarded price: the bid's price after discount, decimal digits. */
  readonly amount: string;
  readonly currency: string;
  /** Why lower ranks were passed over; required when rank > 1. */
  readonly reason?: string;
  readonly awardedAt: string;
  readonly awardedBy: string;
  readonly standstillEndsAt: string;
  readonly status: 'active' | 'contracted';
  readonly contract?: ContractRecord;
  readonly version: number;
}

export interface ComplaintRecord {
  readonly complaintId: string;
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  readonly text: string;
  readonly filedAt: string;
  readonly answerDueBy: string;
  readonly status: 'pending' | 'answered';
  readonly answer?: string;
  readonly upheld?: boolean;
  readonly answeredAt?: string;
}

export const awardKey = (tenderId: string, lotId: string) => ({
  pk: tenderPk(tenderId),
  sk: `AWARD#${lotId}`,
});
export const complaintKey = (tenderId: string, complaintId: string) => ({
  pk: tenderPk(tenderId),
  sk: `COMPLAINT#${complaintId}`,
});

async function query(tenderId: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: resources.table('tenders'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': tenderPk(tenderId), ':p': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map(({ pk: _pk, sk: _sk, ...rest }) => rest));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export const listAwards = async (tenderId: string) =>
  (await query(tenderId, 'AWARD#')) as unknown as AwardRecord[];
export const listComplaints = async (tenderId: string) =>
  (await query(tenderId, 'COMPLAINT#')) as unknown as ComplaintRecord[];

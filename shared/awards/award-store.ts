// Awards, complaints and contracts in the tenders table, in the tender's partition:
//   AWARD#<lotId>          the lot's award (one at a time), with its standstill and contract
//   COMPLAINT#<id>         a bidder's complaint during the standstill and the entity's answer
import { awardEntity, complaintEntity } from '../entities/tenders.ts';
import { tenderItemsWithPrefix } from './tender-items.ts';

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

export const awardKey = (tenderId: string, lotId: string) => awardEntity.key({ tenderId, lotId });
export const complaintKey = (tenderId: string, complaintId: string) =>
  complaintEntity.key({ tenderId, complaintId });

export const listAwards = async (tenderId: string) =>
  (await tenderItemsWithPrefix(tenderId, awardEntity.skPrefix({}))) as unknown as AwardRecord[];
export const listComplaints = async (tenderId: string) =>
  (await tenderItemsWithPrefix(tenderId, complaintEntity.skPrefix({}))) as unknown as ComplaintRecord[];

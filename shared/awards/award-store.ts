// Awards, complaints and contracts in the tenders table, in the tender's partition:
//   AWARD#<lotId>          the lot's award (one at a time), with its standstill and contract
//   COMPLAINT#<id>         a bidder's complaint during the standstill and the entity's answer

import type { AwardRecord, ComplaintRecord } from '../entities/records.ts';
import { awardEntity, complaintEntity } from '../entities/tenders.ts';
import { tenderItemsWithPrefix } from './tender-items.ts';

// The records' types are declared with their keys (shared/entities/), where the lifecycle writers read them.
export type { AwardRecord, ComplaintRecord, ContractRecord } from '../entities/records.ts';

export const awardKey = (tenderId: string, lotId: string) => awardEntity.key({ tenderId, lotId });
export const complaintKey = (tenderId: string, complaintId: string) =>
  complaintEntity.key({ tenderId, complaintId });

export const listAwards = async (tenderId: string) =>
  (await tenderItemsWithPrefix(tenderId, awardEntity.skPrefix({}))) as unknown as AwardRecord[];
export const listComplaints = async (tenderId: string) =>
  (await tenderItemsWithPrefix(tenderId, complaintEntity.skPrefix({}))) as unknown as ComplaintRecord[];

// The checks every bid operation makes, in the order the refusals are reported.

import type { TransactItem } from '../db/audited-write.ts';
import type { ContractorRecord } from '../parties/contractor-store.ts';
import { contractorIdOfOwner } from '../parties/contractor-store.ts';
import { eligibilityOf } from '../parties/eligibility.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { getTender, isPublic, metaKey, tenderTable } from '../tenders/tender-store.ts';
import { bidProblems } from './bid-problems.ts';

export type BiddableTender = Tender & { readonly openingPublicKey: NonNullable<Tender['openingPublicKey']> };

/** The caller's contractor id; bids are always addressed through it, never through another's. */
export async function callerContractorId(sub: string): Promise<string> {
  const contractorId = await contractorIdOfOwner(sub);
  if (!contractorId) throw bidProblems.notRegistered();
  return contractorId;
}

export function requireEligible(contractor: ContractorRecord | undefined, atMs: number): ContractorRecord {
  if (!contractor) throw bidProblems.notRegistered();
  const eligibility = eligibilityOf(contractor, new Date(atMs));
  if (!eligibility.eligible)
    throw bidProblems.notEligible(eligibility.reason ?? `contractor is ${contractor.status}`);
  return contractor;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Published (not a draft, not cancelled, not closed), with the lot, and a key to seal to. */
export function requireBiddable(
  tender: Tender | undefined,
  tenderId: string,
  lotId: string,
  /** The request's server time, said in a deadline refusal. */
  receivedAtMs?: number,
): BiddableTender {
  if (!tender || !isPublic(tender)) throw bidProblems.tenderNotFound(tenderId);
  if (tender.status === 'cancelled') throw bidProblems.tenderCancelled(tenderId);
  // Every status after publication (closed, opened, ...) comes after the deadline.
  if (tender.status !== 'published') {
    throw bidProblems.deadlinePassed(
      tender.submissionDeadline,
      receivedAtMs === undefined ? undefined : iso(receivedAtMs),
    );
  }
  if (!tender.lots.some((lot) => lot.lotId === lotId)) throw bidProblems.lotNotFound(lotId);
  if (!tender.openingPublicKey) throw bidProblems.tenderWithoutOpeningKey(tenderId);
  return tender as BiddableTender;
}

/**
 * Part of every bid write: the tender is still published with its deadline after `receivedAt`
 * when the write commits. The opener closes the tender before it reads any bid, so a write either
 * lands before that (and is opened) or fails here; none slips in after the bids were read.
 */
export function stillOpenCheck(tenderId: string, receivedAt: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tenderTable(),
      Key: metaKey(tenderId),
      // Deadlines are stored as canonical ISO instants, so they compare as strings.
      ConditionExpression: '#status = :published AND submissionDeadline > :receivedAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':published': 'published', ':receivedAt': receivedAt },
    },
  };
}

/** After stillOpenCheck failed: the refusal the tender as it now is calls for, if any. */
export async function refuseIfNoLongerOpen(tenderId: string, lotId: string, atMs: number): Promise<void> {
  requireBeforeDeadline(requireBiddable(await getTender(tenderId), tenderId, lotId, atMs), atMs);
}

/** Strictly before: a commit at the deadline's exact millisecond is late. */
export function requireBeforeDeadline(tender: Tender, nowMs: number): void {
  if (nowMs >= Date.parse(tender.submissionDeadline))
    throw bidProblems.deadlinePassed(tender.submissionDeadline, iso(nowMs));
}

// The checks every bid operation makes, in the order the refusals are reported.
import type { ContractorRecord } from '../parties/contractor-store.ts';
import { contractorIdOfOwner } from '../parties/contractor-store.ts';
import { eligibilityOf } from '../parties/eligibility.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { isPublic } from '../tenders/tender-store.ts';
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

/** Published (not a draft, not cancelled, not closed), with the lot, and a key to seal to. */
export function requireBiddable(tender: Tender | undefined, tenderId: string, lotId: string): BiddableTender {
  if (!tender || !isPublic(tender)) throw bidProblems.tenderNotFound(tenderId);
  if (tender.status === 'cancelled') throw bidProblems.tenderCancelled(tenderId);
  // Every status after publication (closed, opened, ...) comes after the deadline.
  if (tender.status !== 'published') throw bidProblems.deadlinePassed(tender.submissionDeadline);
  if (!tender.lots.some((lot) => lot.lotId === lotId)) throw bidProblems.lotNotFound(lotId);
  if (!tender.openingPublicKey) throw bidProblems.tenderWithoutOpeningKey(tenderId);
  return tender as BiddableTender;
}

/** Strictly before: a commit at the deadline's exact millisecond is late. */
export function requireBeforeDeadline(tender: Tender, nowMs: number): void {
  if (nowMs >= Date.parse(tender.submissionDeadline))
    throw bidProblems.deadlinePassed(tender.submissionDeadline);
}

// The types of the items whose state a lifecycle holds (shared/lifecycle/tables.ts), declared with
// their keys (tenders.ts) so that the lifecycle writers need neither the stores nor the modules that
// run the transitions (shared/opening, shared/awards), which import the writers: no folder cycle.
// The stores re-export them.

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

/**
 * entries            evaluators enter verdicts, scores and adjustments (two envelopes: technical review)
 * technical-approved two envelopes: the compliant list is approved; the financial parts are opening
 * financial-opened   two envelopes: prices are public; adjustments, then the ranking
 * requested          the ranking was asked for and is being computed
 * ranked             the report is stored; the procuring entity awards from it
 */
export type EvaluationStage = 'entries' | 'technical-approved' | 'financial-opened' | 'requested' | 'ranked';

export interface EvaluationState {
  readonly tenderId: string;
  readonly stage: EvaluationStage;
  readonly twoEnvelope: boolean;
  readonly version: number;
  readonly startedAt: string;
  readonly compliantBidIds?: readonly string[];
  readonly approvedAt?: string;
  readonly approvedBy?: string;
  readonly requestId?: string;
  readonly requestedAt?: string;
  /** The stage to return to when an entry changes after a ranking was asked for. */
  readonly entryStage?: 'entries' | 'financial-opened';
  /** The input the ranking request validated and stored (evaluation-snapshot.ts), for the worker. */
  readonly input?: { readonly objectKey: string; readonly sha256: string };
  readonly report?: { readonly objectKey: string; readonly sha256: string; readonly rankedAt: string };
}

export interface MinutesRecord {
  readonly tenderId: string;
  /** The opening phase (OpeningPhase of shared/opening/messages.ts). */
  readonly phase: 'single' | 'technical' | 'financial';
  readonly objectKey: string;
  readonly versionId?: string;
  /** Hex SHA-256 of the stored object's bytes. */
  readonly sha256: string;
  readonly publishedAt: string;
  readonly outcome: 'opened' | 'unsuccessful';
  readonly validBids: number;
  readonly invalidBids: number;
}

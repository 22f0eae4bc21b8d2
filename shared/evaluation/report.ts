import type { EvaluationMethod } from './schema.ts';
import type { RankingKey } from './tie-break.ts';

// The report is plain JSON (it can be hashed with canonicalJson and published): amounts are
// decimal-digit strings, scores are exact fractions with a fixed-precision decimal beside them,
// and the only numbers are small integers (ranks, points, basis points).

/** Decimal places in the rendered scores. */
export const SCORE_DECIMALS = 6;

export interface ScoreView {
  /** Exact value, "numerator/denominator" in lowest terms: what the ranking compared. */
  readonly fraction: string;
  /** The same value to SCORE_DECIMALS places, rounded half away from zero, for reading only. */
  readonly decimal: string;
}

export interface EligibilityResult {
  readonly bidId: string;
  readonly contractorId: string;
  readonly lotId: string;
  readonly pass: boolean;
  /** The criteria the bid failed, in the order they were assessed. */
  readonly failed: readonly { readonly criterion: string; readonly reason?: string }[];
}

export type DiscountView =
  | { readonly kind: 'percent'; readonly basisPoints: number }
  | { readonly kind: 'amount'; readonly amount: string };

export interface TechnicalView {
  readonly kind: 'agreed' | 'evaluators';
  readonly points: number;
  readonly outOf: number;
  readonly evaluators?: readonly {
    readonly evaluatorId: string;
    readonly points: number;
    readonly outOf: number;
  }[];
  /** maxScore × points / outOf. */
  readonly score: ScoreView;
  readonly minimum?: number;
  readonly meetsMinimum: boolean;
}

export type ExclusionReason = 'ineligible' | 'below-minimum-technical-score' | 'evaluated-price-not-positive';

export interface ComputationResult {
  readonly bidId: string;
  readonly lotId: string;
  readonly price: string;
  readonly discount: DiscountView | null;
  readonly discountAmount: string;
  readonly priceAfterDiscount: string;
  readonly adjustments: readonly { readonly label: string; readonly amount: string }[];
  readonly adjustmentsTotal: string;
  /** priceAfterDiscount + adjustmentsTotal. */
  readonly evaluatedPrice: string;
  readonly technical?: TechnicalView;
  /** combined only: maxScore × lowestEvaluatedPrice / evaluatedPrice. */
  readonly priceScore?: ScoreView & { readonly lowestEvaluatedPrice: string };
  /** combined only: (technicalBp × technical score + priceBp × price score) / 10000. */
  readonly combinedScore?: ScoreView;
  /** Set when this step excluded the bid. */
  readonly excluded?: { readonly reason: ExclusionReason; readonly detail: string };
}

export interface RankedEntry {
  readonly rank: number;
  readonly bidId: string;
  readonly contractorId: string;
  /** The comparison that placed this bid below the previous one; null for rank 1. */
  readonly decidedBy: RankingKey | null;
  /** True when decidedBy is a tie-break level rather than the method's primary criterion. */
  readonly tieBreak: boolean;
}

export interface LotRanking {
  readonly lotId: string;
  /** combined only: the lowest evaluated price among the bids scored, the price score's reference. */
  readonly lowestEvaluatedPrice?: string;
  readonly ranked: readonly RankedEntry[];
}

export type BidOutcome =
  | { readonly bidId: string; readonly lotId: string; readonly status: 'ranked'; readonly rank: number }
  | {
      readonly bidId: string;
      readonly lotId: string;
      readonly status: 'excluded';
      readonly step: 'eligibility' | 'computation';
      readonly reason: ExclusionReason;
      readonly detail: string;
    };

export interface EvaluationReport {
  readonly method: EvaluationMethod;
  readonly currency: string;
  /** Score scale (combined and technical-score only). */
  readonly maxScore?: number;
  readonly weights?: { readonly technicalBasisPoints: number; readonly priceBasisPoints: number };
  readonly minTechnicalScore?: number;
  /** The method's primary criterion followed by its tie-break levels. */
  readonly rankingOrder: readonly RankingKey[];
  readonly steps: {
    readonly eligibility: readonly EligibilityResult[];
    /** Eligible bids only. */
    readonly computation: readonly ComputationResult[];
    /** One ranking per lot, lots in lotId order; ranks restart at 1 in each lot. */
    readonly ranking: readonly LotRanking[];
  };
  /** Every bid, in bidId order: ranked in its lot, or excluded with the step and the reason. */
  readonly outcomes: readonly BidOutcome[];
}

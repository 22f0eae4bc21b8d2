import { formatMoney } from '../../../shared/evaluation/money.ts';
import {
  type BidOutcome,
  type ComputationResult,
  type DiscountView,
  type EligibilityResult,
  type EvaluationReport,
  type ExclusionReason,
  type LotRanking,
  type RankedEntry,
  SCORE_DECIMALS,
  type ScoreView,
  type TechnicalView,
} from '../../../shared/evaluation/report.ts';
import {
  BASIS_POINTS,
  DEFAULT_MAX_SCORE,
  EvaluationInput,
  type ParsedBid,
  type ParsedEvaluationInput,
} from '../../../shared/evaluation/schema.ts';
import { type Pricing, priceBid } from './pricing.ts';
import { compare, type Rational, rational, toDecimal, toFraction } from './rational.ts';
import { technicalTotals } from './technical-score.ts';
import { RANKING_ORDER, type RankingCandidate, rankCandidates } from './tie-break.ts';

// Report objects are built by assigning optional fields only when present (rather than spreading
// `...(x ? { x } : {})`), so that absent fields are absent, not undefined, without a throwaway
// object per field: this file runs once per bid on tenders with thousands of bids.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Exclusion {
  readonly reason: ExclusionReason;
  readonly detail: string;
}

interface Candidate extends RankingCandidate {
  readonly bid: ParsedBid;
  readonly pricing: Pricing;
  readonly technical: TechnicalView | undefined;
  readonly excluded: Exclusion | undefined;
  priceScore: Rational | undefined;
  combinedScore: Rational | undefined;
}

const ZERO: Rational = { num: 0n, den: 1n };

function byBidId(a: ParsedBid, b: ParsedBid): number {
  return a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0;
}

function scoreView(r: Rational): ScoreView {
  return { fraction: toFraction(r), decimal: toDecimal(r, SCORE_DECIMALS) };
}

function discountView(bid: ParsedBid): DiscountView | null {
  if (!bid.discount) return null;
  return bid.discount.kind === 'percent'
    ? { kind: 'percent', basisPoints: bid.discount.basisPoints }
    : { kind: 'amount', amount: formatMoney(bid.discount.amount) };
}

function eligibilityOf(bid: ParsedBid): EligibilityResult {
  const failed: { criterion: string; reason?: string }[] = [];
  for (const check of bid.eligibility) {
    if (check.pass) continue;
    failed.push(
      check.reason === undefined
        ? { criterion: check.criterion }
        : { criterion: check.criterion, reason: check.reason },
    );
  }
  return {
    bidId: bid.bidId,
    contractorId: bid.contractorId,
    lotId: bid.lotId,
    pass: failed.length === 0,
    failed,
  };
}

function ineligibleDetail(result: EligibilityResult): string {
  const failed = result.failed.map((f) => (f.reason ? `${f.criterion} (${f.reason})` : f.criterion));
  return `failed eligibility: ${failed.join('; ')}`;
}

/** Step 2 for one eligible bid: everything that does not depend on the other bids. */
function compute(
  input: ParsedEvaluationInput,
  bid: ParsedBid,
  maxScore: number,
  minimum: Rational | undefined,
): Candidate {
  const pricing = priceBid(bid);
  let technical: Mutable<TechnicalView> | undefined;
  let technicalScore: Rational | undefined;
  let excluded: Exclusion | undefined;
  if (bid.technicalScore) {
    const totals = technicalTotals(bid.technicalScore, maxScore);
    const meetsMinimum = minimum === undefined || compare(totals.score, minimum) >= 0;
    technicalScore = totals.score;
    technical = {
      kind: totals.kind,
      points: totals.points,
      outOf: totals.outOf,
      score: scoreView(totals.score),
      meetsMinimum,
    };
    if (totals.evaluators) technical.evaluators = totals.evaluators;
    if (input.minTechnicalScore !== undefined) technical.minimum = input.minTechnicalScore;
    if (!meetsMinimum) {
      excluded = {
        reason: 'below-minimum-technical-score',
        detail: `technical score ${technical.score.decimal} is below the minimum ${input.minTechnicalScore}`,
      };
    }
  }
  // Only adjustments can take the evaluated price to zero or below; no price method can rank that,
  // and the combined price score would divide by it.
  if (!excluded && pricing.evaluatedPrice <= 0n) {
    excluded = {
      reason: 'evaluated-price-not-positive',
      detail: `evaluated price ${formatMoney(pricing.evaluatedPrice)} is not positive`,
    };
  }
  return {
    bid,
    bidId: bid.bidId,
    pricing,
    priceAfterDiscount: pricing.priceAfterDiscount,
    evaluatedPrice: pricing.evaluatedPrice,
    receivedAt: bid.receivedAt,
    technical,
    technicalScore,
    excluded,
    priceScore: undefined,
    combinedScore: undefined,
  };
}

/**
 * Combined scoring for one lot's remaining bids: price score = maxScore × lowest / evaluated price,
 * combined = (technicalBp × technical score + priceBp × price score) / 10000, both exact.
 * Returns the lowest evaluated price, the price score's reference.
 */
function scoreCombined(lot: readonly Candidate[], input: ParsedEvaluationInput, maxScore: number): bigint {
  const weights = input.weights;
  if (!weights) throw new Error('combined evaluation without weights');
  let lowest = lot[0]?.evaluatedPrice ?? 0n;
  for (const c of lot) if (c.evaluatedPrice < lowest) lowest = c.evaluatedPrice;
  const technicalWeight = BigInt(weights.technicalBasisPoints);
  const priceWeight = BigInt(weights.priceBasisPoints);
  const scaledLowest = BigInt(maxScore) * lowest;
  const basisPoints = BigInt(BASIS_POINTS);
  for (const c of lot) {
    const t = c.technicalScore ?? ZERO;
    const p = rational(scaledLowest, c.evaluatedPrice);
    c.priceScore = p;
    // (tw × t.num/t.den + pw × p.num/p.den) / 10000 over one denominator, reduced once.
    c.combinedScore = rational(
      technicalWeight * t.num * p.den + priceWeight * p.num * t.den,
      basisPoints * t.den * p.den,
    );
  }
  return lowest;
}

function computationResult(c: Candidate, lowest: bigint | undefined): ComputationResult {
  const { bid, pricing } = c;
  const result: Mutable<ComputationResult> = {
    bidId: bid.bidId,
    lotId: bid.lotId,
    price: formatMoney(bid.price),
    discount: discountView(bid),
    discountAmount: formatMoney(pricing.discountAmount),
    priceAfterDiscount: formatMoney(pricing.priceAfterDiscount),
    adjustments: bid.adjustments
      ? bid.adjustments.map((a) => ({ label: a.label, amount: formatMoney(a.amount) }))
      : [],
    adjustmentsTotal: formatMoney(pricing.adjustmentsTotal),
    evaluatedPrice: formatMoney(pricing.evaluatedPrice),
  };
  if (c.technical) result.technical = c.technical;
  if (c.priceScore && lowest !== undefined) {
    const view = scoreView(c.priceScore);
    result.priceScore = {
      fraction: view.fraction,
      decimal: view.decimal,
      lowestEvaluatedPrice: formatMoney(lowest),
    };
  }
  if (c.combinedScore) result.combinedScore = scoreView(c.combinedScore);
  if (c.excluded) result.excluded = c.excluded;
  return result;
}

/**
 * Evaluates opened bids by the tender's method. Pure: the report depends only on the input's
 * content, not on the order of its bids. Throws a ZodError when the input is invalid.
 */
export function evaluate(raw: EvaluationInput): EvaluationReport {
  return evaluateValidated(EvaluationInput.parse(raw));
}

/**
 * The evaluation proper, on input that EvaluationInput has already parsed. Not part of the public
 * API (a ParsedEvaluationInput can be built by hand, skipping every check); the benchmark uses it
 * to time validation and ranking apart.
 */
export function evaluateValidated(input: ParsedEvaluationInput): EvaluationReport {
  const { method } = input;
  const scored = method === 'combined' || method === 'technical-score';
  const maxScore = input.maxScore ?? DEFAULT_MAX_SCORE;
  const minimum =
    input.minTechnicalScore === undefined ? undefined : rational(BigInt(input.minTechnicalScore));
  const order = RANKING_ORDER[method];
  const bids = [...input.bids].sort(byBidId);

  // Step 1: eligibility, pass/fail, before any method.
  const eligibility = bids.map(eligibilityOf);

  // Step 2: the method's computation for eligible bids; bids it excludes go no further.
  const candidates: Candidate[] = [];
  const lots = new Map<string, Candidate[]>();
  for (let i = 0; i < bids.length; i++) {
    const bid = bids[i] as ParsedBid;
    if (!eligibility[i]?.pass) continue;
    const candidate = compute(input, bid, maxScore, minimum);
    candidates.push(candidate);
    if (candidate.excluded) continue;
    const lot = lots.get(bid.lotId);
    if (lot) lot.push(candidate);
    else lots.set(bid.lotId, [candidate]);
  }
  const lotIds = [...lots.keys()].sort();
  const lowestByLot = new Map<string, bigint>();
  if (method === 'combined') {
    for (const lotId of lotIds) lowestByLot.set(lotId, scoreCombined(lots.get(lotId) ?? [], input, maxScore));
  }

  // Step 3: ranking within each lot.
  const rankOf = new Map<string, number>();
  const ranking = lotIds.map((lotId): LotRanking => {
    const ranked = rankCandidates(method, lots.get(lotId) ?? []).map(
      ({ candidate, rank, decidedBy }): RankedEntry => {
        rankOf.set(candidate.bidId, rank);
        return {
          rank,
          bidId: candidate.bidId,
          contractorId: candidate.bid.contractorId,
          decidedBy,
          tieBreak: decidedBy !== null && decidedBy !== order[0],
        };
      },
    );
    const lowest = lowestByLot.get(lotId);
    return lowest === undefined
      ? { lotId, ranked }
      : { lotId, lowestEvaluatedPrice: formatMoney(lowest), ranked };
  });

  const excludedAt = new Map<string, Exclusion>();
  for (const c of candidates) if (c.excluded) excludedAt.set(c.bidId, c.excluded);
  const outcomes = bids.map((bid, i): BidOutcome => {
    const result = eligibility[i];
    if (result && !result.pass) {
      const detail = ineligibleDetail(result);
      return {
        bidId: bid.bidId,
        lotId: bid.lotId,
        status: 'excluded',
        step: 'eligibility',
        reason: 'ineligible',
        detail,
      };
    }
    const excluded = excludedAt.get(bid.bidId);
    if (excluded) {
      const { reason, detail } = excluded;
      return { bidId: bid.bidId, lotId: bid.lotId, status: 'excluded', step: 'computation', reason, detail };
    }
    const rank = rankOf.get(bid.bidId);
    if (rank === undefined) throw new Error(`bid ${bid.bidId} is neither excluded nor ranked`);
    return { bidId: bid.bidId, lotId: bid.lotId, status: 'ranked', rank };
  });

  // The tender's settings lead the report, ahead of the steps, as a reader expects them.
  const settings: Mutable<Pick<EvaluationReport, 'maxScore' | 'weights' | 'minTechnicalScore'>> = {};
  if (scored) settings.maxScore = maxScore;
  if (input.weights) settings.weights = input.weights;
  if (input.minTechnicalScore !== undefined) settings.minTechnicalScore = input.minTechnicalScore;
  return {
    method,
    currency: input.currency,
    ...settings,
    rankingOrder: [...order],
    steps: {
      eligibility,
      computation: candidates.map((c) => computationResult(c, lowestByLot.get(c.bid.lotId))),
      ranking,
    },
    outcomes,
  };
}

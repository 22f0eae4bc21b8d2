import { formatMoney } from './money.ts';
import { type Pricing, priceBid } from './pricing.ts';
import { add, compare, mul, type Rational, rational, toDecimal, toFraction } from './rational.ts';
import { receivedAtKey } from './received-at.ts';
import type {
  BidOutcome,
  ComputationResult,
  DiscountView,
  EligibilityResult,
  EvaluationReport,
  ExclusionReason,
  LotRanking,
  ScoreView,
  TechnicalView,
} from './report.ts';
import { SCORE_DECIMALS } from './report.ts';
import {
  BASIS_POINTS,
  DEFAULT_MAX_SCORE,
  EvaluationInput,
  type ParsedBid,
  type ParsedEvaluationInput,
} from './schema.ts';
import { technicalTotals } from './technical-score.ts';
import { RANKING_ORDER, type RankingCandidate, rankCandidates } from './tie-break.ts';

interface Candidate extends RankingCandidate {
  readonly bid: ParsedBid;
  readonly pricing: Pricing;
  readonly technical?: TechnicalView;
  priceScore?: Rational;
  combinedScore?: Rational;
  excluded?: { reason: ExclusionReason; detail: string };
}

function byBidId(a: { bidId: string }, b: { bidId: string }): number {
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
  const failed = bid.eligibility
    .filter((check) => !check.pass)
    .map((check) =>
      check.reason === undefined
        ? { criterion: check.criterion }
        : { criterion: check.criterion, reason: check.reason },
    );
  return {
    bidId: bid.bidId,
    contractorId: bid.contractorId,
    lotId: bid.lotId,
    pass: failed.length === 0,
    failed,
  };
}

function ineligibleDetail(result: EligibilityResult): string {
  return `failed eligibility: ${result.failed
    .map((f) => (f.reason ? `${f.criterion} (${f.reason})` : f.criterion))
    .join('; ')}`;
}

/** Step 2 for one eligible bid, before anything that depends on the other bids. */
function compute(input: ParsedEvaluationInput, bid: ParsedBid, maxScore: number): Candidate {
  const pricing = priceBid(bid);
  let technical: TechnicalView | undefined;
  let technicalScore: Rational | undefined;
  let excluded: Candidate['excluded'];
  if (bid.technicalScore) {
    const totals = technicalTotals(bid.technicalScore, maxScore);
    const minimum = input.minTechnicalScore;
    const meetsMinimum = minimum === undefined || compare(totals.score, rational(BigInt(minimum))) >= 0;
    technicalScore = totals.score;
    technical = {
      kind: totals.kind,
      points: totals.points,
      outOf: totals.outOf,
      ...(totals.evaluators ? { evaluators: totals.evaluators } : {}),
      score: scoreView(totals.score),
      ...(minimum === undefined ? {} : { minimum }),
      meetsMinimum,
    };
    if (!meetsMinimum) {
      excluded = {
        reason: 'below-minimum-technical-score',
        detail: `technical score ${toDecimal(totals.score, SCORE_DECIMALS)} is below the minimum ${minimum}`,
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
    receivedAtKey: receivedAtKey(bid.receivedAt),
    ...(technical ? { technical } : {}),
    ...(technicalScore ? { technicalScore } : {}),
    ...(excluded ? { excluded } : {}),
  };
}

/**
 * Combined scoring for one lot's remaining bids: price score = maxScore × lowest / evaluated price,
 * combined = (technicalBp × technical score + priceBp × price score) / 10000, both exact.
 */
function scoreCombined(lot: readonly Candidate[], input: ParsedEvaluationInput, maxScore: number): bigint {
  const weights = input.weights;
  if (!weights) throw new Error('combined evaluation without weights');
  let lowest = lot[0]?.evaluatedPrice ?? 0n;
  for (const c of lot) if (c.evaluatedPrice < lowest) lowest = c.evaluatedPrice;
  const technicalWeight = rational(BigInt(weights.technicalBasisPoints), BigInt(BASIS_POINTS));
  const priceWeight = rational(BigInt(weights.priceBasisPoints), BigInt(BASIS_POINTS));
  for (const c of lot) {
    const priceScore = rational(BigInt(maxScore) * lowest, c.evaluatedPrice);
    c.priceScore = priceScore;
    c.combinedScore = add(
      mul(technicalWeight, c.technicalScore ?? rational(0n)),
      mul(priceWeight, priceScore),
    );
  }
  return lowest;
}

function computationResult(c: Candidate, lowest: bigint | undefined): ComputationResult {
  const { bid, pricing } = c;
  return {
    bidId: bid.bidId,
    lotId: bid.lotId,
    price: formatMoney(bid.price),
    discount: discountView(bid),
    discountAmount: formatMoney(pricing.discountAmount),
    priceAfterDiscount: formatMoney(pricing.priceAfterDiscount),
    adjustments: (bid.adjustments ?? []).map((a) => ({ label: a.label, amount: formatMoney(a.amount) })),
    adjustmentsTotal: formatMoney(pricing.adjustmentsTotal),
    evaluatedPrice: formatMoney(pricing.evaluatedPrice),
    ...(c.technical ? { technical: c.technical } : {}),
    ...(c.priceScore && lowest !== undefined
      ? { priceScore: { ...scoreView(c.priceScore), lowestEvaluatedPrice: formatMoney(lowest) } }
      : {}),
    ...(c.combinedScore ? { combinedScore: scoreView(c.combinedScore) } : {}),
    ...(c.excluded ? { excluded: c.excluded } : {}),
  };
}

/**
 * Evaluates opened bids by the tender's method. Pure: the report depends only on the input's
 * content, not on the order of its bids. Throws a ZodError when the input is invalid.
 */
export function evaluate(raw: EvaluationInput): EvaluationReport {
  const input = EvaluationInput.parse(raw);
  const { method } = input;
  const scored = method === 'combined' || method === 'technical-score';
  const maxScore = input.maxScore ?? DEFAULT_MAX_SCORE;
  const order = RANKING_ORDER[method];
  const bids = [...input.bids].sort(byBidId);

  // Step 1: eligibility, pass/fail, before any method.
  const eligibility = bids.map(eligibilityOf);

  // Step 2: the method's computation for eligible bids.
  const candidates: Candidate[] = [];
  bids.forEach((bid, i) => {
    if (eligibility[i]?.pass) candidates.push(compute(input, bid, maxScore));
  });
  const lots = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.excluded) continue;
    const lot = lots.get(c.bid.lotId);
    if (lot) lot.push(c);
    else lots.set(c.bid.lotId, [c]);
  }
  const lotIds = [...lots.keys()].sort();
  const lowestByLot = new Map<string, bigint>();
  if (method === 'combined') {
    for (const lotId of lotIds) lowestByLot.set(lotId, scoreCombined(lots.get(lotId) ?? [], input, maxScore));
  }

  // Step 3: ranking within each lot.
  const rankOf = new Map<string, number>();
  const ranking: LotRanking[] = lotIds.map((lotId) => {
    const ranked = rankCandidates(method, lots.get(lotId) ?? []).map(({ candidate, rank, decidedBy }) => {
      rankOf.set(candidate.bidId, rank);
      return {
        rank,
        bidId: candidate.bidId,
        contractorId: candidate.bid.contractorId,
        decidedBy,
        tieBreak: decidedBy !== null && decidedBy !== order[0],
      };
    });
    const lowest = lowestByLot.get(lotId);
    return { lotId, ...(lowest === undefined ? {} : { lowestEvaluatedPrice: formatMoney(lowest) }), ranked };
  });

  const computed = new Map(candidates.map((c) => [c.bidId, c]));
  const outcomes: BidOutcome[] = bids.map((bid, i): BidOutcome => {
    const base = { bidId: bid.bidId, lotId: bid.lotId };
    const result = eligibility[i];
    if (result && !result.pass) {
      return {
        ...base,
        status: 'excluded',
        step: 'eligibility',
        reason: 'ineligible',
        detail: ineligibleDetail(result),
      };
    }
    const excluded = computed.get(bid.bidId)?.excluded;
    if (excluded) return { ...base, status: 'excluded', step: 'computation', ...excluded };
    const rank = rankOf.get(bid.bidId);
    if (rank === undefined) throw new Error(`bid ${bid.bidId} is neither excluded nor ranked`);
    return { ...base, status: 'ranked', rank };
  });

  return {
    method,
    currency: input.currency,
    ...(scored ? { maxScore } : {}),
    ...(input.weights ? { weights: input.weights } : {}),
    ...(input.minTechnicalScore === undefined ? {} : { minTechnicalScore: input.minTechnicalScore }),
    rankingOrder: [...order],
    steps: {
      eligibility,
      computation: candidates.map((c) => computationResult(c, lowestByLot.get(c.bid.lotId))),
      ranking,
    },
    outcomes,
  };
}

import { formatMoney } from './money.ts';
import {
  compare,
  gcdOfSafe,
  type Rational,
  rational,
  rationalOfSafe,
  toDecimal,
  toFraction,
} from './rational.ts';
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
} from './report.ts';
import {
  BASIS_POINTS,
  DEFAULT_MAX_SCORE,
  type EvaluationInput,
  type ParsedBid,
  type ParsedEvaluationInput,
} from './schema.ts';
import { evaluatorTotals, scaledScore } from './technical-score.ts';
import { RANKING_ORDER, type RankingCandidate, rankCandidates } from './tie-break.ts';
import { requireValidated, type ValidatedEvaluation, validateEvaluation } from './validated.ts';

// Report objects are built by assigning optional fields only when present (rather than spreading
// `...(x ? { x } : {})`), so that absent fields are absent, not undefined, without a throwaway
// object per field: this file runs once per bid on tenders with thousands of bids. For the same
// reason values that many bids share (a technical score's view, an empty list) are built once and
// the one object appears at every place in the report: the report is plain JSON, read, never
// written to.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Exclusion {
  readonly reason: ExclusionReason;
  readonly detail: string;
}

interface Candidate extends RankingCandidate {
  readonly bid: ParsedBid;
  readonly discountAmount: bigint;
  readonly adjustmentsTotal: bigint;
  /** formatMoney(priceAfterDiscount): equal to the price's digits when there is no discount. */
  readonly priceAfterDiscountText: string;
  readonly technical: TechnicalView | undefined;
  readonly excluded: Exclusion | undefined;
  priceScore: Rational | undefined;
  combinedScore: Rational | undefined;
  rank: number | undefined;
}

/** A technical score shared by every bid with the same points and maxima. */
interface ScoredTechnical {
  readonly score: Rational;
  readonly view: ScoreView;
  readonly meetsMinimum: boolean;
  /** The whole view of an agreed score (it depends on nothing else); built on first use. */
  agreedView: TechnicalView | undefined;
}

const ZERO: Rational = { num: 0n, den: 1n };
const NO_FAILURES: EligibilityResult['failed'] = Object.freeze([]);
const NO_ADJUSTMENTS: ComputationResult['adjustments'] = Object.freeze([]);

function byBidId(a: ParsedBid, b: ParsedBid): number {
  return a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0;
}

/** The bids in bidId order, refusing a repeated bidId (which would make the order not total). */
function sortedBids(bids: readonly ParsedBid[]): ParsedBid[] {
  let sorted = true;
  for (let i = 1; i < bids.length && sorted; i++)
    sorted = byBidId(bids[i - 1] as ParsedBid, bids[i] as ParsedBid) < 0;
  const result = sorted ? [...bids] : [...bids].sort(byBidId);
  if (!sorted) {
    for (let i = 1; i < result.length; i++) {
      if ((result[i - 1] as ParsedBid).bidId === (result[i] as ParsedBid).bidId) {
        throw new Error(`bidId ${(result[i] as ParsedBid).bidId} appears twice`);
      }
    }
  }
  return result;
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
  let failed: { criterion: string; reason?: string }[] | undefined;
  for (const check of bid.eligibility) {
    if (check.pass) continue;
    failed ??= [];
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
    pass: failed === undefined,
    failed: failed ?? NO_FAILURES,
  };
}

function ineligibleDetail(result: EligibilityResult): string {
  const failed = result.failed.map((f) => (f.reason ? `${f.criterion} (${f.reason})` : f.criterion));
  return `failed eligibility: ${failed.join('; ')}`;
}

/** What one evaluation shares across its bids: settings and the technical scores seen so far. */
class Context {
  readonly maxScore: number;
  readonly minimum: Rational | undefined;
  readonly minTechnicalScore: number | undefined;
  // outOf → points → score: a tender's scores take few distinct values.
  private readonly scores = new Map<number, Map<number, ScoredTechnical>>();

  constructor(input: ParsedEvaluationInput) {
    this.maxScore = input.maxScore ?? DEFAULT_MAX_SCORE;
    this.minTechnicalScore = input.minTechnicalScore;
    this.minimum =
      input.minTechnicalScore === undefined ? undefined : rational(BigInt(input.minTechnicalScore));
  }

  technical(points: number, outOf: number): ScoredTechnical {
    let byPoints = this.scores.get(outOf);
    if (!byPoints) {
      byPoints = new Map();
      this.scores.set(outOf, byPoints);
    }
    let scored = byPoints.get(points);
    if (!scored) {
      const score = scaledScore(this.maxScore, points, outOf);
      scored = {
        score,
        view: scoreView(score),
        meetsMinimum: this.minimum === undefined || compare(score, this.minimum) >= 0,
        agreedView: undefined,
      };
      byPoints.set(points, scored);
    }
    return scored;
  }
}

function technicalView(
  context: Context,
  kind: TechnicalView['kind'],
  points: number,
  outOf: number,
  scored: ScoredTechnical,
  evaluators: TechnicalView['evaluators'],
): TechnicalView {
  const technical: Mutable<TechnicalView> = {
    kind,
    points,
    outOf,
    score: scored.view,
    meetsMinimum: scored.meetsMinimum,
  };
  if (evaluators) technical.evaluators = evaluators;
  if (context.minTechnicalScore !== undefined) technical.minimum = context.minTechnicalScore;
  return technical;
}

/** Step 2 for one eligible bid: everything that does not depend on the other bids. */
function compute(context: Context, bid: ParsedBid): Candidate {
  // Pricing as priceBid (pricing.ts) defines it, inlined: one object per bid fewer.
  const { price, discount } = bid;
  const discountAmount =
    discount === undefined
      ? 0n
      : discount.kind === 'amount'
        ? discount.amount
        : (price * BigInt(discount.basisPoints)) / BASIS_POINTS_BIG;
  const priceAfterDiscount = price - discountAmount;
  let adjustmentsTotal = 0n;
  if (bid.adjustments) for (const adjustment of bid.adjustments) adjustmentsTotal += adjustment.amount;
  const evaluatedPrice = priceAfterDiscount + adjustmentsTotal;

  let technical: TechnicalView | undefined;
  let technicalScore: Rational | undefined;
  let excluded: Exclusion | undefined;
  const sheet = bid.technicalScore;
  if (sheet) {
    let scored: ScoredTechnical;
    if (sheet.kind === 'agreed') {
      scored = context.technical(sheet.points, sheet.outOf);
      scored.agreedView ??= technicalView(context, 'agreed', sheet.points, sheet.outOf, scored, undefined);
      technical = scored.agreedView;
    } else {
      const totals = evaluatorTotals(sheet.scores, context.maxScore);
      scored = context.technical(totals.points, totals.outOf);
      technical = technicalView(
        context,
        'evaluators',
        totals.points,
        totals.outOf,
        scored,
        totals.evaluators,
      );
    }
    technicalScore = scored.score;
    if (!scored.meetsMinimum) {
      excluded = {
        reason: 'below-minimum-technical-score',
        detail: `technical score ${scored.view.decimal} is below the minimum ${context.minTechnicalScore}`,
      };
    }
  }
  // Only adjustments can take the evaluated price to zero or below; no price method can rank that,
  // and the combined price score would divide by it.
  if (!excluded && evaluatedPrice <= 0n) {
    excluded = {
      reason: 'evaluated-price-not-positive',
      detail: `evaluated price ${formatMoney(evaluatedPrice)} is not positive`,
    };
  }
  return {
    bid,
    bidId: bid.bidId,
    discountAmount,
    priceAfterDiscount,
    priceAfterDiscountText: discountAmount === 0n ? formatMoney(price) : formatMoney(priceAfterDiscount),
    adjustmentsTotal,
    evaluatedPrice,
    receivedAt: bid.receivedAt,
    technical,
    technicalScore,
    excluded,
    priceScore: undefined,
    combinedScore: undefined,
    rank: undefined,
  };
}

const BASIS_POINTS_BIG = BigInt(BASIS_POINTS);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/**
 * Combined scoring for one lot's remaining bids: price score = maxScore × lowest / evaluated price,
 * combined = (technicalBp × technical score + priceBp × price score) / 10000, both exact (in
 * numbers where every product is a safe integer, else in bigint; the fractions are the same).
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
  const safeLowest = scaledLowest <= MAX_SAFE_BIG ? Number(scaledLowest) : undefined;
  const basisPoints = BASIS_POINTS_BIG;
  const tw = weights.technicalBasisPoints;
  const pw = weights.priceBasisPoints;
  for (const c of lot) {
    const t = c.technicalScore ?? ZERO;
    const e = c.evaluatedPrice;
    if (safeLowest !== undefined && e <= MAX_SAFE_BIG && t.num <= MAX_SAFE_BIG && t.den <= MAX_SAFE_BIG) {
      // The same two fractions in numbers: a product of safe integers that comes out at most
      // MAX_SAFE is exact (an inexact one would have rounded to 2^53 or more).
      const evaluated = Number(e);
      const g = gcdOfSafe(safeLowest, evaluated);
      const pn = safeLowest / g;
      const pd = evaluated / g;
      c.priceScore = { num: BigInt(pn), den: BigInt(pd) };
      const tn = Number(t.num);
      const td = Number(t.den);
      const left = tw * tn * pd;
      const right = pw * pn * td;
      const den = BASIS_POINTS * td * pd;
      if (left <= MAX_SAFE && right <= MAX_SAFE && left + right <= MAX_SAFE && den <= MAX_SAFE) {
        c.combinedScore = rationalOfSafe(left + right, den);
        continue;
      }
    }
    const p = c.priceScore ?? rational(scaledLowest, e);
    c.priceScore = p;
    // (tw × t.num/t.den + pw × p.num/p.den) / 10000 over one denominator, reduced once.
    c.combinedScore = rational(
      technicalWeight * t.num * p.den + priceWeight * p.num * t.den,
      basisPoints * t.den * p.den,
    );
  }
  return lowest;
}

function computationResult(c: Candidate, lowest: string | undefined): ComputationResult {
  const { bid } = c;
  const price = formatMoney(bid.price);
  const adjustmentsTotal = c.adjustmentsTotal === 0n ? '0' : formatMoney(c.adjustmentsTotal);
  const result: Mutable<ComputationResult> = {
    bidId: bid.bidId,
    lotId: bid.lotId,
    price,
    discount: discountView(bid),
    discountAmount: c.discountAmount === 0n ? '0' : formatMoney(c.discountAmount),
    priceAfterDiscount: c.priceAfterDiscountText,
    adjustments:
      bid.adjustments && bid.adjustments.length > 0
        ? bid.adjustments.map((a) => ({ label: a.label, amount: formatMoney(a.amount) }))
        : NO_ADJUSTMENTS,
    adjustmentsTotal,
    evaluatedPrice: c.adjustmentsTotal === 0n ? c.priceAfterDiscountText : formatMoney(c.evaluatedPrice),
  };
  if (c.technical) result.technical = c.technical;
  if (c.priceScore && lowest !== undefined) {
    result.priceScore = {
      fraction: toFraction(c.priceScore),
      decimal: toDecimal(c.priceScore, SCORE_DECIMALS),
      lowestEvaluatedPrice: lowest,
    };
  }
  if (c.combinedScore) result.combinedScore = scoreView(c.combinedScore);
  if (c.excluded) result.excluded = c.excluded;
  return result;
}

/**
 * Evaluates opened bids by the tender's method. Pure: the report depends only on the input's
 * content, not on the order of its bids. Throws a ZodError when the input is invalid. For a caller
 * that holds raw input; one that stored validated input ranks it with rankValidated.
 */
export function evaluate(raw: EvaluationInput): EvaluationReport {
  return rankValidated(validateEvaluation(raw));
}

/**
 * The evaluation proper, on input that validateEvaluation (or readBackValidated) produced: no
 * schema check is repeated. The report is the one evaluate() gives for the same input, byte for
 * byte. Throws a TypeError on anything else, so validation cannot be skipped by a cast.
 */
export function rankValidated(input: ValidatedEvaluation): EvaluationReport {
  return rankParsed(requireValidated(input));
}

function rankParsed(input: ParsedEvaluationInput): EvaluationReport {
  const { method } = input;
  const scored = method === 'combined' || method === 'technical-score';
  const context = new Context(input);
  const order = RANKING_ORDER[method];
  const bids = sortedBids(input.bids);

  // Step 1: eligibility, pass/fail, before any method.
  const eligibility = bids.map(eligibilityOf);

  // Step 2: the method's computation for eligible bids; bids it excludes go no further.
  const candidates: Candidate[] = [];
  const candidateOf: (Candidate | undefined)[] = new Array(bids.length);
  const lots = new Map<string, Candidate[]>();
  for (let i = 0; i < bids.length; i++) {
    const bid = bids[i] as ParsedBid;
    if (!eligibility[i]?.pass) continue;
    const candidate = compute(context, bid);
    candidates.push(candidate);
    candidateOf[i] = candidate;
    if (candidate.excluded) continue;
    const lot = lots.get(bid.lotId);
    if (lot) lot.push(candidate);
    else lots.set(bid.lotId, [candidate]);
  }
  const lotIds = [...lots.keys()].sort();
  const lowestByLot = new Map<string, string>();
  if (method === 'combined') {
    for (const lotId of lotIds) {
      lowestByLot.set(lotId, formatMoney(scoreCombined(lots.get(lotId) ?? [], input, context.maxScore)));
    }
  }

  // Step 3: ranking within each lot.
  const ranking = lotIds.map((lotId): LotRanking => {
    const { ordered, decidedBy } = rankCandidates(method, lots.get(lotId) ?? []);
    const ranked: RankedEntry[] = new Array(ordered.length);
    for (let k = 0; k < ordered.length; k++) {
      const candidate = ordered[k] as Candidate;
      const decided = decidedBy[k] ?? null;
      candidate.rank = k + 1;
      ranked[k] = {
        rank: k + 1,
        bidId: candidate.bidId,
        contractorId: candidate.bid.contractorId,
        decidedBy: decided,
        tieBreak: decided !== null && decided !== order[0],
      };
    }
    const lowest = lowestByLot.get(lotId);
    return lowest === undefined ? { lotId, ranked } : { lotId, lowestEvaluatedPrice: lowest, ranked };
  });

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
    const excluded = candidateOf[i]?.excluded;
    if (excluded) {
      const { reason, detail } = excluded;
      return { bidId: bid.bidId, lotId: bid.lotId, status: 'excluded', step: 'computation', reason, detail };
    }
    const rank = candidateOf[i]?.rank;
    if (rank === undefined) throw new Error(`bid ${bid.bidId} is neither excluded nor ranked`);
    return { bidId: bid.bidId, lotId: bid.lotId, status: 'ranked', rank };
  });

  // The tender's settings lead the report, ahead of the steps, as a reader expects them.
  const settings: Mutable<Pick<EvaluationReport, 'maxScore' | 'weights' | 'minTechnicalScore'>> = {};
  if (scored) settings.maxScore = context.maxScore;
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

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
  let detail = 'failed eligibility: ';
  for (let k = 0; k < result.failed.length; k++) {
    const f = result.failed[k] as EligibilityResult['failed'][number];
    if (k > 0) detail += '; ';
    detail += f.reason ? `${f.criterion} (${f.reason})` : f.criterion;
  }
  return detail;
}

/**
 * What one evaluation shares across its bids: settings and the technical scores seen so far.
 * Per-call objects here are object literals with every field present, not class instances or
 * objects given fields one by one: V8 holds the shape such an object reaches by adding fields
 * only weakly, so a full collection between two evaluations dropped it and deoptimised all the
 * code that had read it (see tie-break.ts LotOrder).
 */
interface Context {
  readonly maxScore: number;
  readonly minimum: Rational | undefined;
  readonly minTechnicalScore: number | undefined;
  /** outOf → points → score: a tender's scores take few distinct values. */
  readonly scores: Map<number, Map<number, ScoredTechnical>>;
}

function contextOf(input: ParsedEvaluationInput): Context {
  return {
    maxScore: input.maxScore ?? DEFAULT_MAX_SCORE,
    minTechnicalScore: input.minTechnicalScore,
    minimum: input.minTechnicalScore === undefined ? undefined : rational(BigInt(input.minTechnicalScore)),
    scores: new Map(),
  };
}

function technicalOf(context: Context, points: number, outOf: number): ScoredTechnical {
  let byPoints = context.scores.get(outOf);
  if (!byPoints) {
    byPoints = new Map();
    context.scores.set(outOf, byPoints);
  }
  let scored = byPoints.get(points);
  if (!scored) {
    const score = scaledScore(context.maxScore, points, outOf);
    scored = {
      score,
      view: scoreView(score),
      meetsMinimum: context.minimum === undefined || compare(score, context.minimum) >= 0,
      agreedView: undefined,
    };
    byPoints.set(points, scored);
  }
  return scored;
}

function technicalView(
  context: Context,
  kind: TechnicalView['kind'],
  points: number,
  outOf: number,
  scored: ScoredTechnical,
  evaluators: TechnicalView['evaluators'],
): TechnicalView {
  // One literal per combination of the optional fields (see Context), in the report's key order.
  const score = scored.view;
  const meetsMinimum = scored.meetsMinimum;
  const minimum = context.minTechnicalScore;
  if (evaluators) {
    return minimum === undefined
      ? { kind, points, outOf, score, meetsMinimum, evaluators }
      : { kind, points, outOf, score, meetsMinimum, evaluators, minimum };
  }
  return minimum === undefined
    ? { kind, points, outOf, score, meetsMinimum }
    : { kind, points, outOf, score, meetsMinimum, minimum };
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
      scored = technicalOf(context, sheet.points, sheet.outOf);
      scored.agreedView ??= technicalView(context, 'agreed', sheet.points, sheet.outOf, scored, undefined);
      technical = scored.agreedView;
    } else {
      const totals = evaluatorTotals(sheet.scores, context.maxScore);
      scored = technicalOf(context, totals.points, totals.outOf);
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
  const { bid, technical, excluded } = c;
  const bidId = bid.bidId;
  const lotId = bid.lotId;
  const price = formatMoney(bid.price);
  const discount = discountView(bid);
  const discountAmount = c.discountAmount === 0n ? '0' : formatMoney(c.discountAmount);
  const priceAfterDiscount = c.priceAfterDiscountText;
  const adjustments = bid.adjustments && bid.adjustments.length > 0 ? adjustmentViews(bid) : NO_ADJUSTMENTS;
  const adjustmentsTotal = c.adjustmentsTotal === 0n ? '0' : formatMoney(c.adjustmentsTotal);
  const evaluatedPrice = c.adjustmentsTotal === 0n ? c.priceAfterDiscountText : formatMoney(c.evaluatedPrice);
  // One literal per combination of the optional fields that the methods give (see Context), in
  // the report's key order; any other combination is built field by field.
  if (c.priceScore === undefined && c.combinedScore === undefined) {
    if (technical === undefined) {
      return excluded === undefined
        ? {
            bidId,
            lotId,
            price,
            discount,
            discountAmount,
            priceAfterDiscount,
            adjustments,
            adjustmentsTotal,
            evaluatedPrice,
          }
        : {
            bidId,
            lotId,
            price,
            discount,
            discountAmount,
            priceAfterDiscount,
            adjustments,
            adjustmentsTotal,
            evaluatedPrice,
            excluded,
          };
    }
    return excluded === undefined
      ? {
          bidId,
          lotId,
          price,
          discount,
          discountAmount,
          priceAfterDiscount,
          adjustments,
          adjustmentsTotal,
          evaluatedPrice,
          technical,
        }
      : {
          bidId,
          lotId,
          price,
          discount,
          discountAmount,
          priceAfterDiscount,
          adjustments,
          adjustmentsTotal,
          evaluatedPrice,
          technical,
          excluded,
        };
  }
  if (
    technical !== undefined &&
    c.priceScore &&
    c.combinedScore &&
    lowest !== undefined &&
    excluded === undefined
  ) {
    const priceScore = {
      fraction: toFraction(c.priceScore),
      decimal: toDecimal(c.priceScore, SCORE_DECIMALS),
      lowestEvaluatedPrice: lowest,
    };
    const combinedScore = scoreView(c.combinedScore);
    return {
      bidId,
      lotId,
      price,
      discount,
      discountAmount,
      priceAfterDiscount,
      adjustments,
      adjustmentsTotal,
      evaluatedPrice,
      technical,
      priceScore,
      combinedScore,
    };
  }
  const result: Mutable<ComputationResult> = {
    bidId,
    lotId,
    price,
    discount,
    discountAmount,
    priceAfterDiscount,
    adjustments,
    adjustmentsTotal,
    evaluatedPrice,
  };
  if (technical) result.technical = technical;
  if (c.priceScore && lowest !== undefined) {
    result.priceScore = {
      fraction: toFraction(c.priceScore),
      decimal: toDecimal(c.priceScore, SCORE_DECIMALS),
      lowestEvaluatedPrice: lowest,
    };
  }
  if (c.combinedScore) result.combinedScore = scoreView(c.combinedScore);
  if (excluded) result.excluded = excluded;
  return result;
}

function adjustmentViews(bid: ParsedBid): ComputationResult['adjustments'] {
  const adjustments = bid.adjustments ?? [];
  const views: { label: string; amount: string }[] = new Array(adjustments.length);
  for (let k = 0; k < adjustments.length; k++) {
    const a = adjustments[k] as NonNullable<ParsedBid['adjustments']>[number];
    views[k] = { label: a.label, amount: formatMoney(a.amount) };
  }
  return views;
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

function lotRanking(
  method: ParsedEvaluationInput['method'],
  lotId: string,
  lot: readonly Candidate[],
  lowest: string | undefined,
): LotRanking {
  const order = RANKING_ORDER[method];
  const { ordered, decidedBy } = rankCandidates(method, lot);
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
  return lowest === undefined ? { lotId, ranked } : { lotId, lowestEvaluatedPrice: lowest, ranked };
}

function outcomeOf(bid: ParsedBid, result: EligibilityResult, candidate: Candidate | undefined): BidOutcome {
  if (!result.pass) {
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
  const excluded = candidate?.excluded;
  if (excluded) {
    const { reason, detail } = excluded;
    return { bidId: bid.bidId, lotId: bid.lotId, status: 'excluded', step: 'computation', reason, detail };
  }
  const rank = candidate?.rank;
  if (rank === undefined) throw new Error(`bid ${bid.bidId} is neither excluded nor ranked`);
  return { bidId: bid.bidId, lotId: bid.lotId, status: 'ranked', rank };
}

function rankParsed(input: ParsedEvaluationInput): EvaluationReport {
  const { method } = input;
  const scored = method === 'combined' || method === 'technical-score';
  const context = contextOf(input);
  const order = RANKING_ORDER[method];
  const bids = sortedBids(input.bids);

  // Step 1: eligibility, pass/fail, before any method.
  const eligibility: EligibilityResult[] = new Array(bids.length);
  for (let i = 0; i < bids.length; i++) eligibility[i] = eligibilityOf(bids[i] as ParsedBid);

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
  const ranking: LotRanking[] = new Array(lotIds.length);
  for (let l = 0; l < lotIds.length; l++) {
    const lotId = lotIds[l] as string;
    ranking[l] = lotRanking(method, lotId, lots.get(lotId) ?? [], lowestByLot.get(lotId));
  }
  const outcomes: BidOutcome[] = new Array(bids.length);
  for (let i = 0; i < bids.length; i++) {
    outcomes[i] = outcomeOf(bids[i] as ParsedBid, eligibility[i] as EligibilityResult, candidateOf[i]);
  }
  const computation: ComputationResult[] = new Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k] as Candidate;
    computation[k] = computationResult(c, lowestByLot.get(c.bid.lotId));
  }

  const steps = { eligibility, computation, ranking };
  return reportOf(input, scored ? context.maxScore : undefined, [...order], steps, outcomes);
}

/**
 * The report, the tender's settings leading it, ahead of the steps, as a reader expects them. One
 * literal for each combination of settings the methods take (see Context); any other is built
 * field by field, to the same key order.
 */
function reportOf(
  input: ParsedEvaluationInput,
  maxScore: number | undefined,
  rankingOrder: EvaluationReport['rankingOrder'],
  steps: EvaluationReport['steps'],
  outcomes: EvaluationReport['outcomes'],
): EvaluationReport {
  const { method, currency, weights, minTechnicalScore } = input;
  if (maxScore === undefined && weights === undefined && minTechnicalScore === undefined) {
    return { method, currency, rankingOrder, steps, outcomes };
  }
  if (maxScore !== undefined && weights !== undefined) {
    return minTechnicalScore === undefined
      ? { method, currency, maxScore, weights, rankingOrder, steps, outcomes }
      : { method, currency, maxScore, weights, minTechnicalScore, rankingOrder, steps, outcomes };
  }
  if (maxScore !== undefined && weights === undefined && minTechnicalScore !== undefined) {
    return { method, currency, maxScore, minTechnicalScore, rankingOrder, steps, outcomes };
  }
  const settings: Mutable<Pick<EvaluationReport, 'maxScore' | 'weights' | 'minTechnicalScore'>> = {};
  if (maxScore !== undefined) settings.maxScore = maxScore;
  if (weights) settings.weights = weights;
  if (minTechnicalScore !== undefined) settings.minTechnicalScore = minTechnicalScore;
  return { method, currency, ...settings, rankingOrder, steps, outcomes };
}

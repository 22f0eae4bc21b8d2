import { type Rational, rational, rationalOfSafe } from './rational.ts';
import type { ParsedTechnicalScore } from './schema.ts';

export interface EvaluatorTotal {
  readonly evaluatorId: string;
  readonly points: number;
  readonly outOf: number;
}

export interface TechnicalTotals {
  readonly kind: ParsedTechnicalScore['kind'];
  /** All points awarded, summed over criteria and evaluators. */
  readonly points: number;
  /** The matching maxima, summed the same way. */
  readonly outOf: number;
  readonly evaluators?: readonly EvaluatorTotal[];
  /** points / outOf rescaled to the tender's maxScore, exactly. */
  readonly score: Rational;
}

/** maxScore × points / outOf in lowest terms; in numbers while the product is a safe integer. */
export function scaledScore(maxScore: number, points: number, outOf: number): Rational {
  const scaled = maxScore * points;
  return Number.isSafeInteger(scaled)
    ? rationalOfSafe(scaled, outOf)
    : rational(BigInt(maxScore) * BigInt(points), BigInt(outOf));
}

const byEvaluatorId = (a: EvaluatorTotal, b: EvaluatorTotal) =>
  a.evaluatorId < b.evaluatorId ? -1 : a.evaluatorId > b.evaluatorId ? 1 : 0;

/**
 * A bid's technical score on the tender's scale: maxScore × points / outOf. With several
 * evaluators this is the mean of their totals, because the schema makes every evaluator mark the
 * same criteria out of the same maxima (so their outOf totals are equal).
 */
export function technicalTotals(technical: ParsedTechnicalScore, maxScore: number): TechnicalTotals {
  if (technical.kind === 'agreed') {
    return {
      kind: 'agreed',
      points: technical.points,
      outOf: technical.outOf,
      score: scaledScore(maxScore, technical.points, technical.outOf),
    };
  }
  return evaluatorTotals(technical.scores, maxScore);
}

type Scores = Extract<ParsedTechnicalScore, { kind: 'evaluators' }>['scores'];

/**
 * The sheets' totals per evaluator, in evaluatorId order. A sheet names a handful of evaluators, so
 * a linear search over the ones seen so far beats a Map, and the sheets usually arrive in
 * evaluator order, which the sort is then spared.
 */
export function evaluatorTotals(scores: Scores, maxScore: number): TechnicalTotals {
  const evaluators: { evaluatorId: string; points: number; outOf: number }[] = [];
  let points = 0;
  let outOf = 0;
  let last: { evaluatorId: string; points: number; outOf: number } | undefined;
  for (const s of scores) {
    if (last?.evaluatorId !== s.evaluatorId) {
      last = undefined;
      for (const e of evaluators) {
        if (e.evaluatorId === s.evaluatorId) {
          last = e;
          break;
        }
      }
      if (!last) {
        last = { evaluatorId: s.evaluatorId, points: 0, outOf: 0 };
        evaluators.push(last);
      }
    }
    last.points += s.points;
    last.outOf += s.outOf;
    points += s.points;
    outOf += s.outOf;
  }
  let sorted = true;
  for (let i = 1; i < evaluators.length && sorted; i++) {
    sorted =
      (evaluators[i - 1] as EvaluatorTotal).evaluatorId < (evaluators[i] as EvaluatorTotal).evaluatorId;
  }
  if (!sorted) evaluators.sort(byEvaluatorId);
  return { kind: 'evaluators', points, outOf, evaluators, score: scaledScore(maxScore, points, outOf) };
}

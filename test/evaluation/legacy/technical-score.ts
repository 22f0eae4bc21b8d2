import type { ParsedTechnicalScore } from '../../../shared/evaluation/schema.ts';
import { type Rational, rational } from './rational.ts';

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
      score: rational(BigInt(maxScore) * BigInt(technical.points), BigInt(technical.outOf)),
    };
  }
  const byEvaluator = new Map<string, { points: number; outOf: number }>();
  let points = 0;
  let outOf = 0;
  for (const s of technical.scores) {
    const total = byEvaluator.get(s.evaluatorId) ?? { points: 0, outOf: 0 };
    total.points += s.points;
    total.outOf += s.outOf;
    byEvaluator.set(s.evaluatorId, total);
    points += s.points;
    outOf += s.outOf;
  }
  const evaluators = [...byEvaluator]
    .map(([evaluatorId, total]) => ({ evaluatorId, points: total.points, outOf: total.outOf }))
    .sort((a, b) => (a.evaluatorId < b.evaluatorId ? -1 : a.evaluatorId > b.evaluatorId ? 1 : 0));
  return {
    kind: 'evaluators',
    points,
    outOf,
    evaluators,
    score: rational(BigInt(maxScore) * BigInt(points), BigInt(outOf)),
  };
}

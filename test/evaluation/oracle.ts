// An independent, deliberately plain restatement of the evaluation rules, for property tests to
// check the implementation against. Fractions are [numerator, denominator] bigint pairs.
import type { BidInput, EvaluationInput } from '../../shared/evaluation/index.ts';

export type Fraction = readonly [bigint, bigint];

export function priceAfterDiscount(bid: BidInput): bigint {
  const price = BigInt(bid.price);
  const d = bid.discount;
  if (!d) return price;
  if (d.kind === 'amount') return price - BigInt(d.amount);
  return price - (price * BigInt(d.basisPoints)) / 10_000n;
}

export function evaluatedPrice(bid: BidInput): bigint {
  return priceAfterDiscount(bid) + (bid.adjustments ?? []).reduce((sum, a) => sum + BigInt(a.amount), 0n);
}

export function technicalScore(input: EvaluationInput, bid: BidInput): Fraction {
  const t = bid.technicalScore;
  if (!t) throw new Error('no technical score');
  const scale = BigInt(input.maxScore ?? 100);
  if (t.kind === 'agreed') return [scale * BigInt(t.points), BigInt(t.outOf)];
  const points = t.scores.reduce((s, x) => s + x.points, 0);
  const outOf = t.scores.reduce((s, x) => s + x.outOf, 0);
  return [scale * BigInt(points), BigInt(outOf)];
}

export function cmp(a: Fraction, b: Fraction): number {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
}

export function parseFraction(text: string): Fraction {
  const [n, d] = text.split('/');
  return [BigInt(n ?? 'x'), BigInt(d ?? 'x')];
}

/** Whether the bid should end up ranked, by the rules restated. */
export function passes(input: EvaluationInput, bid: BidInput): boolean {
  if (!bid.eligibility.every((c) => c.pass)) return false;
  const scored = input.method === 'combined' || input.method === 'technical-score';
  if (scored && input.minTechnicalScore !== undefined) {
    if (cmp(technicalScore(input, bid), [BigInt(input.minTechnicalScore), 1n]) < 0) return false;
  }
  return evaluatedPrice(bid) > 0n;
}

/** (tBp × tech + pBp × maxScore × lowest / evaluated) / 10000, lowest taken over the lot's passing bids. */
export function combinedScore(input: EvaluationInput, bid: BidInput): Fraction {
  const weights = input.weights;
  if (!weights || !('technicalBasisPoints' in weights)) throw new Error('oracle expects weights in bp');
  // Math.min takes no bigints, hence the sort.
  const [lowest = 0n] = input.bids
    .filter((b) => b.lotId === bid.lotId && passes(input, b))
    .map(evaluatedPrice)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const [tn, td] = technicalScore(input, bid);
  const scale = BigInt(input.maxScore ?? 100);
  const e = evaluatedPrice(bid);
  const tBp = BigInt(weights.technicalBasisPoints);
  const pBp = BigInt(weights.priceBasisPoints);
  return [tBp * tn * e + pBp * scale * lowest * td, 10_000n * td * e];
}

import type { EvaluationMethod } from '../../../shared/evaluation/schema.ts';
import { compare, type Rational } from './rational.ts';
import { compareInstants } from './received-at.ts';

/**
 * The comparisons that order bids, each with its direction:
 * - combined-score: higher first
 * - technical-score: higher first
 * - evaluated-price: lower first (price after discount plus adjustments)
 * - price-after-discount: lower first
 * - received-at: earlier server receipt first
 * - bid-id: lexical order of UTF-16 code units (plain `<`, never localeCompare, whose result
 *   depends on the machine's ICU data and locale)
 */
export const RANKING_KEYS = [
  'combined-score',
  'technical-score',
  'evaluated-price',
  'price-after-discount',
  'received-at',
  'bid-id',
] as const;
export type RankingKey = (typeof RANKING_KEYS)[number];

/**
 * Per method, the primary criterion and then the tie-break, applied in order until two bids differ.
 * bidId is unique, so the last level makes the ranking a total order that depends only on the bids,
 * never on the order they were supplied in. Technical score breaks ties where the method scores it;
 * price after discount comes next because, at equal merit, the cheaper offer serves the public
 * purse; then whoever the server received first; bidId is only the final guarantee of totality.
 */
export const RANKING_ORDER: Readonly<Record<EvaluationMethod, readonly RankingKey[]>> = {
  'lowest-price': ['price-after-discount', 'received-at', 'bid-id'],
  'evaluated-price': ['evaluated-price', 'price-after-discount', 'received-at', 'bid-id'],
  combined: ['combined-score', 'technical-score', 'price-after-discount', 'received-at', 'bid-id'],
  'technical-score': ['technical-score', 'price-after-discount', 'received-at', 'bid-id'],
};

export interface RankingCandidate {
  readonly bidId: string;
  readonly priceAfterDiscount: bigint;
  readonly evaluatedPrice: bigint;
  readonly technicalScore?: Rational;
  readonly combinedScore?: Rational;
  /** The server's receipt instant, ISO 8601 UTC as validated by ReceivedAt. */
  readonly receivedAt: string;
}

export interface RankedCandidate<C extends RankingCandidate> {
  readonly candidate: C;
  readonly rank: number;
  /** The first comparison that put this bid after the one ranked just above it; null for rank 1. */
  readonly decidedBy: RankingKey | null;
}

const ZERO: Rational = { num: 0n, den: 1n };

function ascending<T extends bigint | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when a ranks ahead of b on this one comparison. */
export function compareOn(key: RankingKey, a: RankingCandidate, b: RankingCandidate): number {
  switch (key) {
    case 'combined-score':
      return compare(b.combinedScore ?? ZERO, a.combinedScore ?? ZERO);
    case 'technical-score':
      return compare(b.technicalScore ?? ZERO, a.technicalScore ?? ZERO);
    case 'evaluated-price':
      return ascending(a.evaluatedPrice, b.evaluatedPrice);
    case 'price-after-discount':
      return ascending(a.priceAfterDiscount, b.priceAfterDiscount);
    case 'received-at':
      return compareInstants(a.receivedAt, b.receivedAt);
    case 'bid-id':
      return ascending(a.bidId, b.bidId);
  }
}

/** The first key in `order` on which a and b differ, or null if they are alike on all of them. */
export function decidingKey(
  order: readonly RankingKey[],
  a: RankingCandidate,
  b: RankingCandidate,
): RankingKey | null {
  for (const key of order) if (compareOn(key, a, b) !== 0) return key;
  return null;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const FIXED_POINT_BITS = 32n;

/**
 * A number that orders candidates like the primary criterion wherever two of them differ in it, or
 * undefined when none fits. For a score it is ⌊score × 2^32⌋, computed in bigint: the floor is
 * monotonic, so different keys prove the scores differ the same way, and equal keys send the
 * comparison on to the exact fraction. It is an integer, so comparing it is exact; it only spares
 * most comparisons the bigint cross-multiplication.
 */
function primaryKey(key: RankingKey, c: RankingCandidate): number | undefined {
  let value: bigint;
  switch (key) {
    case 'combined-score':
    case 'technical-score': {
      const score = key === 'combined-score' ? c.combinedScore : c.technicalScore;
      if (!score) return undefined;
      // Negated so that a smaller key ranks first, as for prices.
      value = -((score.num << FIXED_POINT_BITS) / score.den);
      break;
    }
    case 'evaluated-price':
      value = c.evaluatedPrice;
      break;
    case 'price-after-discount':
      value = c.priceAfterDiscount;
      break;
    default:
      return undefined;
  }
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : undefined;
}

export function rankCandidates<C extends RankingCandidate>(
  method: EvaluationMethod,
  candidates: readonly C[],
): RankedCandidate<C>[] {
  const order = RANKING_ORDER[method];
  const primary = order[0] as RankingKey;
  const keyed = candidates.map((candidate) => ({ candidate, key: primaryKey(primary, candidate) }));
  keyed.sort((a, b) => {
    if (a.key !== undefined && b.key !== undefined && a.key !== b.key) return a.key < b.key ? -1 : 1;
    for (const key of order) {
      const c = compareOn(key, a.candidate, b.candidate);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map(({ candidate, key }, i) => {
    const previous = keyed[i - 1];
    if (!previous) return { candidate, rank: 1, decidedBy: null };
    // Different fast keys already prove the primary criterion decided.
    const decidedBy =
      key !== undefined && previous.key !== undefined && key !== previous.key
        ? primary
        : decidingKey(order, previous.candidate, candidate);
    return { candidate, rank: i + 1, decidedBy };
  });
}

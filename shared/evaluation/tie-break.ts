import { compare, type Rational } from './rational.ts';
import { compareInstants, receivedAtKey } from './received-at.ts';
import type { EvaluationMethod } from './schema.ts';

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

/** A lot's candidates in rank order, with what placed each below the one above (null for rank 1). */
export interface Ranking<C extends RankingCandidate> {
  readonly ordered: readonly C[];
  readonly decidedBy: readonly (RankingKey | null)[];
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
const FIXED_POINT_SCALE = 2 ** 32;

/**
 * A number that orders scores like the scores wherever two of them differ in it, or undefined when
 * it would not be a safe integer: ⌊score × 2^32⌋, negated so that a smaller key ranks first (higher
 * score first). The floor is monotonic, so different keys prove the scores differ the same way,
 * and equal keys send the comparison on to the exact fraction. Small scores are done in numbers
 * (the double quotient's floor is the true floor or one above, corrected exactly), others in bigint.
 */
export function scoreKey(score: Rational): number | undefined {
  const { num, den } = score;
  if (num >= 0n && num <= MAX_SAFE && den <= MAX_SAFE) {
    const a = Number(num) * FIXED_POINT_SCALE;
    const b = Number(den);
    if (a + b <= Number.MAX_SAFE_INTEGER) {
      let q = Math.floor(a / b);
      if (q * b > a) q -= 1;
      return q === 0 ? 0 : -q; // never -0, which a Float64Array sorts apart from 0
    }
  }
  const value = -((num << FIXED_POINT_BITS) / den);
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : undefined;
}

/** A price as an exact sort key: a number when it is a safe integer, else the bigint itself. */
function priceKey(value: bigint): number | bigint {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

type Key = number | bigint | undefined;

function levelKey(key: RankingKey, c: RankingCandidate): Key {
  switch (key) {
    case 'combined-score':
      return c.combinedScore ? scoreKey(c.combinedScore) : undefined;
    case 'technical-score':
      return c.technicalScore ? scoreKey(c.technicalScore) : undefined;
    case 'evaluated-price':
      return priceKey(c.evaluatedPrice);
    case 'price-after-discount':
      return priceKey(c.priceAfterDiscount);
    default:
      return undefined;
  }
}

/** The position of value in the first `length` entries of an ascending array that holds it. */
function indexIn(sorted: Float64Array, length: number, value: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One lot's sort keys and the exact comparison over them, by candidate index. There is one
 * instance, loaded for each lot and emptied after it, and its methods sit at module level, rather
 * than closures and an object made per call: optimised code that read a per-call object's shape
 * holds that shape only weakly, so a full collection between two evaluations (a worker's idle
 * time) cleared it and sent every comparator back through the interpreter and both compilers on
 * the next call (the compile threads' CPU included, about as much as the sort itself).
 */
class LotOrder {
  order: readonly RankingKey[] = [];
  candidates: readonly RankingCandidate[] = [];
  levels = 0;
  /** Levels with a precomputed key; every order ends with received-at, bid-id. */
  keyedLevels = 0;
  keys: Key[][] = [];
  scoreLevel: boolean[] = [];
  instants: (string | undefined)[] = [];

  load(order: readonly RankingKey[], candidates: readonly RankingCandidate[]): void {
    this.order = order;
    this.candidates = candidates;
    const n = candidates.length;
    this.levels = order.length;
    this.keyedLevels = order.length - 2;
    this.keys = [];
    this.scoreLevel = [];
    for (let l = 0; l < this.keyedLevels; l++) {
      const key = order[l] as RankingKey;
      const column: Key[] = new Array(n);
      for (let i = 0; i < n; i++) column[i] = levelKey(key, candidates[i] as RankingCandidate);
      this.keys.push(column);
      this.scoreLevel.push(key === 'combined-score' || key === 'technical-score');
    }
    this.instants = new Array(n);
  }

  /** Lets go of the lot, so that nothing of it outlives the ranking. */
  release(): void {
    this.candidates = [];
    this.keys = [];
    this.instants = [];
  }

  instantAt(i: number): string {
    let instant = this.instants[i];
    if (instant === undefined) {
      instant = receivedAtKey((this.candidates[i] as RankingCandidate).receivedAt);
      this.instants[i] = instant;
    }
    return instant;
  }

  compareAt(l: number, i: number, j: number): number {
    const a = this.candidates[i] as RankingCandidate;
    const b = this.candidates[j] as RankingCandidate;
    if (l < this.keyedLevels) {
      const column = this.keys[l] as Key[];
      const x = column[i];
      const y = column[j];
      if (!this.scoreLevel[l])
        return (x as bigint) < (y as bigint) ? -1 : (x as bigint) > (y as bigint) ? 1 : 0;
      if (x !== undefined && y !== undefined && x !== y) return x < y ? -1 : 1;
      return compareOn(this.order[l] as RankingKey, a, b);
    }
    if (l === this.keyedLevels) {
      if (a.receivedAt === b.receivedAt) return 0;
      const x = this.instantAt(i);
      const y = this.instantAt(j);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return ascending(a.bidId, b.bidId);
  }

  /** The first level on which candidates i and j differ, or -1. */
  firstDifference(i: number, j: number): number {
    for (let l = 0; l < this.levels; l++) if (this.compareAt(l, i, j) !== 0) return l;
    return -1;
  }

  compareAll(i: number, j: number): number {
    for (let l = 0; l < this.levels; l++) {
      const c = this.compareAt(l, i, j);
      if (c !== 0) return c;
    }
    return 0;
  }
}

// Ranking is synchronous and never nested, so one instance serves every lot in turn.
const lot = new LotOrder();
function compareIndices(i: number, j: number): number {
  return lot.compareAll(i, j);
}

/**
 * Sorts the candidates of one lot by the method's order. Every level's key is computed once per
 * candidate (scoreKey, priceKey; receipt keys lazily), never inside the comparator. When every
 * primary key is a number the bulk of the work is two native Float64Array sorts: the distinct
 * primary keys, then (primary rank × n + index) packed into one exact integer; only runs of equal
 * primary keys then go through the exact comparator, which decides every level (a score's own
 * level included, since equal fixed-point keys may hide different fractions). Otherwise the
 * comparator sorts everything. Either way the order is exactly the order compareOn defines.
 */
export function rankCandidates<C extends RankingCandidate>(
  method: EvaluationMethod,
  candidates: readonly C[],
): Ranking<C> {
  const order = RANKING_ORDER[method];
  lot.load(order, candidates);
  try {
    return rankLoaded(order, candidates);
  } finally {
    lot.release();
  }
}

function rankLoaded<C extends RankingCandidate>(
  order: readonly RankingKey[],
  candidates: readonly C[],
): Ranking<C> {
  const n = candidates.length;

  const primary = lot.keys[0] as Key[];
  let numeric = n * n <= Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < n && numeric; i++) numeric = typeof primary[i] === 'number';
  let indices: number[];
  // The primary rank of each position in `indices`, where the native pass ran (else undefined).
  let runOf: Int32Array | undefined;
  if (numeric) {
    const sortedKeys = Float64Array.from(primary as number[]).sort();
    const distinct = new Float64Array(n);
    let m = 0;
    for (let k = 0; k < n; k++) {
      const value = sortedKeys[k] as number;
      if (m === 0 || value !== distinct[m - 1]) distinct[m++] = value;
    }
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = indexIn(distinct, m, primary[i] as number) * n + i;
    packed.sort();
    indices = new Array(n);
    runOf = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const value = packed[k] as number;
      const index = value % n;
      indices[k] = index;
      runOf[k] = (value - index) / n;
    }
    let start = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && runOf[k] === runOf[start]) continue;
      if (k - start > 1) {
        const run = indices.slice(start, k).sort(compareIndices);
        for (let r = 0; r < run.length; r++) indices[start + r] = run[r] as number;
      }
      start = k;
    }
  } else {
    indices = new Array(n);
    for (let i = 0; i < n; i++) indices[i] = i;
    indices.sort(compareIndices);
  }

  const ordered: C[] = new Array(n);
  const decidedBy: (RankingKey | null)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const index = indices[k] as number;
    ordered[k] = candidates[index] as C;
    if (k === 0) {
      decidedBy[k] = null;
      continue;
    }
    // Different primary ranks already prove the primary criterion decided.
    if (runOf && runOf[k] !== runOf[k - 1]) {
      decidedBy[k] = order[0] as RankingKey;
      continue;
    }
    const level = lot.firstDifference(indices[k - 1] as number, index);
    decidedBy[k] = level === -1 ? null : (order[level] as RankingKey);
  }
  return { ordered, decidedBy };
}

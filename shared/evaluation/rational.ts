// Exact non-float arithmetic for scores. Every score is a fraction of bigints kept in lowest terms
// with a positive denominator, so equal values have equal representations and comparisons are
// exact on every machine; decimals appear only when a score is rendered for people to read.

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Euclid on safe non-negative integers, in numbers (exact below 2^53). */
export function gcdOfSafe(a: number, b: number): number {
  let m = a;
  let n = b;
  while (n !== 0) {
    const t = m % n;
    m = n;
    n = t;
  }
  return m;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Below 2^53 a number holds the integer exactly and % on it is exact, so Euclid runs there
  // without allocating a bigint per step. Larger values take bigint steps only until both fit: one
  // step already brings x below y, so a large numerator over a safe denominator costs a single %.
  while (x > MAX_SAFE || y > MAX_SAFE) {
    if (y === 0n) return x;
    const t = x % y;
    x = y;
    y = t;
  }
  return BigInt(gcdOfSafe(Number(x), Number(y)));
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  if (g === 1n) return sign === 1n ? { num, den } : { num: -num, den: -den };
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/**
 * rational() for a numerator and a positive denominator that are safe integers: reduced with
 * number arithmetic (exact below 2^53), so only the two results become bigints.
 */
export function rationalOfSafe(num: number, den: number): Rational {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError('rationalOfSafe takes safe integers over a positive denominator');
  }
  const g = gcdOfSafe(num < 0 ? -num : num, den);
  return { num: BigInt(num / g), den: BigInt(den / g) };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Rational, b: Rational): number {
  // Over one denominator (equal scores share it, as fractions in lowest terms) no product is needed.
  if (a.den === b.den) return a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The exact value as "num/den" in lowest terms, the form an auditor recomputes against. */
export function toFraction(r: Rational): string {
  return `${r.num}/${r.den}`;
}

/**
 * A fixed-point rendering with `digits` decimals, rounded half away from zero. For display only:
 * ranking never reads it, so two different scores may render alike without changing the order.
 */
export function toDecimal(r: Rational, digits: number): string {
  if (!Number.isSafeInteger(digits) || digits < 0) throw new RangeError('digits must be a natural number');
  const negative = r.num < 0n;
  const abs = negative ? -r.num : r.num;
  // The value × 10^digits, rounded half up, as one integer; the point is then placed in its digits.
  const scaled = roundedScaled(abs, r.den, digits)
    .toString()
    .padStart(digits + 1, '0');
  const cut = scaled.length - digits;
  const text = digits === 0 ? scaled : `${scaled.slice(0, cut)}.${scaled.slice(cut)}`;
  return negative && /[1-9]/.test(scaled) ? `-${text}` : text;
}

const twiceTenPowers: bigint[] = [];

/**
 * ⌊(2 × abs × 10^digits + den) / (2 × den)⌋, i.e. abs/den × 10^digits rounded half up. In numbers
 * when every intermediate is a safe integer: the double quotient's floor is then the true floor or
 * one above it (the floor itself is representable), and one exact check corrects it. Otherwise in bigint.
 */
function roundedScaled(abs: bigint, den: bigint, digits: number): bigint | number {
  const tens = 10 ** digits;
  if (abs <= MAX_SAFE && den <= MAX_SAFE) {
    const a = 2 * Number(abs) * tens + Number(den);
    const b = 2 * Number(den);
    // a + b safe keeps every product below exact too (q is at most one above the floor).
    if (a + b <= Number.MAX_SAFE_INTEGER) {
      let q = Math.floor(a / b);
      if (q * b > a) q -= 1;
      else if ((q + 1) * b <= a) q += 1;
      return q;
    }
  }
  let twiceTens = twiceTenPowers[digits];
  if (twiceTens === undefined) {
    twiceTens = 2n * 10n ** BigInt(digits);
    twiceTenPowers[digits] = twiceTens;
  }
  return (abs * twiceTens + den) / (2n * den);
}

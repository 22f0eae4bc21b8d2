// Exact non-float arithmetic for scores. Every score is a fraction of bigints kept in lowest terms
// with a positive denominator, so equal values have equal representations and comparisons are
// exact on every machine; decimals appear only when a score is rendered for people to read.

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Below 2^53 a number holds the integer exactly and % on it is exact, so Euclid runs there
  // without allocating a bigint per step; larger values take the bigint loop.
  if (x <= MAX_SAFE && y <= MAX_SAFE) {
    let m = Number(x);
    let n = Number(y);
    while (n !== 0) {
      const t = m % n;
      m = n;
      n = t;
    }
    return BigInt(m);
  }
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  if (g === 1n) return sign === 1n ? { num, den } : { num: -num, den: -den };
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Rational, b: Rational): number {
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
  const scaled = ((2n * abs * 10n ** BigInt(digits) + r.den) / (2n * r.den))
    .toString()
    .padStart(digits + 1, '0');
  const cut = scaled.length - digits;
  const text = digits === 0 ? scaled : `${scaled.slice(0, cut)}.${scaled.slice(cut)}`;
  return negative && /[1-9]/.test(scaled) ? `-${text}` : text;
}

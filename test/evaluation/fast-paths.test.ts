// The number fast paths behind the exact arithmetic (gcd, toDecimal, the fixed-point sort key) must
// give what the plain bigint arithmetic gives, most of all near 2^53 where a double stops being
// exact: compared with the frozen bigint versions in legacy/.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational, rationalOfSafe, toDecimal } from '../../shared/evaluation/rational.ts';
import { scoreKey } from '../../shared/evaluation/tie-break.ts';
import { rational as legacyRational, toDecimal as legacyToDecimal } from './legacy/rational.ts';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
// Values spread over every magnitude up to past 2^53, and bunched just below and above it.
const magnitude = fc.oneof(
  fc.bigInt({ min: 0n, max: 1000n }),
  fc.integer({ min: 1, max: 70 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n })),
  fc.bigInt({ min: SAFE - 5000n, max: SAFE + 5000n }),
  fc.bigInt({ min: SAFE / 4_000_000n - 5000n, max: SAFE / 4_000_000n + 5000n }),
  fc.bigInt({ min: SAFE >> 32n, max: (SAFE >> 32n) + 5000n }),
);
const positive = magnitude.map((n) => n + 1n);

describe('number fast paths agree with bigint arithmetic', () => {
  it('reduces fractions to the same lowest terms', () => {
    fc.assert(
      fc.property(magnitude, fc.boolean(), positive, (n, negative, d) => {
        const num = negative ? -n : n;
        expect(rational(num, d)).toEqual(legacyRational(num, d));
        if (n <= SAFE && d <= SAFE)
          expect(rationalOfSafe(Number(num), Number(d))).toEqual(legacyRational(num, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('renders the same decimals', () => {
    fc.assert(
      fc.property(
        magnitude,
        fc.boolean(),
        positive,
        fc.integer({ min: 0, max: 9 }),
        (n, negative, d, digits) => {
          const r = legacyRational(negative ? -n : n, d);
          expect(toDecimal(r, digits)).toBe(legacyToDecimal(r, digits));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the fixed-point sort key ⌊score × 2^32⌋, negated', () => {
    fc.assert(
      fc.property(magnitude, positive, (n, d) => {
        const r = legacyRational(n, d);
        const exact = -((r.num << 32n) / r.den);
        const key = scoreKey(r);
        if (exact < -SAFE) expect(key).toBeUndefined();
        else expect(key).toBe(Number(exact));
      }),
      { numRuns: 3000 },
    );
  });
});

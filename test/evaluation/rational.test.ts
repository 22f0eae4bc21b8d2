import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, rational, toDecimal, toFraction } from '../../shared/evaluation/index.ts';

describe('rational', () => {
  it('keeps fractions in lowest terms with a positive denominator', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(rational(0n, -7n)).toEqual({ num: 0n, den: 1n });
    expect(toFraction(rational(260n, 3n))).toBe('260/3');
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('renders fixed decimals rounded half away from zero', () => {
    expect(toDecimal(rational(2n, 3n), 6)).toBe('0.666667');
    expect(toDecimal(rational(1n, 8n), 2)).toBe('0.13');
    expect(toDecimal(rational(-1n, 8n), 2)).toBe('-0.13');
    expect(toDecimal(rational(-1n, 1000n), 2)).toBe('0.00');
    expect(toDecimal(rational(173n, 2n), 0)).toBe('87');
    expect(toDecimal(rational(87n), 6)).toBe('87.000000');
  });

  it('renders within half a unit of the last place, ties away from zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 8 }),
        (n, d, digits) => {
          const text = toDecimal(rational(n, d), digits);
          expect(text).toMatch(digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`));
          // text = m / 10^digits exactly; require |n/d − m/10^digits| ≤ 1/(2·10^digits), with equality
          // only when the rendering moved away from zero.
          const scale = 10n ** BigInt(digits);
          const m = BigInt(text.replace('.', ''));
          const error = n * scale - m * d; // (n/d − m/scale) × d × scale
          const half = d; // 1/(2·scale) × 2 × d × scale, compared doubled to stay integral
          expect(2n * (error < 0n ? -error : error) <= half).toBe(true);
          if (2n * (error < 0n ? -error : error) === half)
            expect(m < 0n ? m * d < n * scale : m * d > n * scale).toBe(true);
        },
      ),
    );
  });

  it('gives equal values one representation, whatever the common factor', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (n, d, k) => {
        expect(rational(n * k, d * k)).toEqual(rational(n, d));
        expect(compare(rational(n * k, d * k), rational(n, d))).toBe(0);
      }),
    );
  });

  it('orders like the exact cross-multiplication and is antisymmetric', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), fc.bigInt(), fc.bigInt({ min: 1n }), (a, b, c, d) => {
        const expected = Math.sign(Number(a * d - c * b));
        expect(compare(rational(a, b), rational(c, d))).toBe(expected);
        expect(compare(rational(c, d), rational(a, b))).toBe(-expected);
      }),
    );
  });
});

// Cardinal's quartiles are statrs' quantile (Hyndman-Fan definition 8) and its fences a fused
// multiply-add; the expected values are statrs' own test values and hand-worked examples.
import { describe, expect, it } from 'vitest';
import {
  fusedMultiplyAdd,
  lowerFence,
  quantile,
  quartiles,
  upperFence,
} from '../../shared/red-flags/index.ts';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('quantile (definition 8, as statrs)', () => {
  const data = sorted([-1.0, 5.0, 0.0, -3.0, 10.0, -0.5, 4.0, 0.2, 1.0, 6.0]);
  it.each([
    [0.0, -3.0],
    [1.0, 10.0],
    [0.7, 137.0 / 30.0],
    [0.01, -3.0],
    [0.99, 10.0],
  ])('tau %d gives exactly %d', (tau, expected) => expect(quantile(data, tau)).toBe(expected));
  it.each([
    [0.5, 3.0 / 5.0],
    [0.2, -4.0 / 5.0],
    [0.52, 287.0 / 375.0],
    [0.325, -37.0 / 240.0],
  ])('tau %d gives %d', (tau, expected) => expect(quantile(data, tau)).toBeCloseTo(expected, 14));

  it('is NaN without data or outside [0, 1]', () => {
    expect(quantile([], 0.25)).toBeNaN();
    expect(quantile([1], 1.5)).toBeNaN();
  });

  it('worked example: gaps [1, 99, 99, 99, 99] (R024 demonstration data)', () => {
    // h = (5 + 1/3) * 0.25 + 1/3 = 1.6667: Q1 = x1 + 0.6667 (x2 - x1) = 1 + 0.6667 * 98.
    const q = quartiles([1, 99, 99, 99, 99]);
    expect(q.q1).toBeCloseTo(66.3333, 4);
    expect(q.q3).toBe(99);
    expect(lowerFence(q)).toBeCloseTo(17.3333, 4); // 66.3333 - 1.5 * 32.6667
    expect(upperFence({ q1: 0.05, q3: 0.07 })).toBeCloseTo(0.1, 15); // R058's Atlantis example
    expect(lowerFence({ q1: 0.05, q3: 0.07 })).toBeCloseTo(0.02, 15); // R024's Atlantis example
    expect(lowerFence({ q1: 0.5, q3: 0.75 })).toBe(0.125); // R025's Atlantis example
  });
});

describe('fusedMultiplyAdd rounds once', () => {
  it('agrees with a * b + c when that is exact', () => {
    expect(fusedMultiplyAdd(2, 1.5, 1)).toBe(4);
    expect(fusedMultiplyAdd(-0.25, 1.5, 0.5)).toBe(0.125);
  });
  it('differs from two roundings where IEEE fma does', () => {
    // 0.1 * 10 rounds to exactly 1 before subtracting, hiding the error that fma keeps.
    expect(0.1 * 10 - 1).toBe(0);
    expect(fusedMultiplyAdd(0.1, 10, -1)).toBe(5.551115123125783e-17);
    const a = 1 + 2 ** -52;
    expect(a * a - (1 + 2 ** -51)).toBe(0);
    expect(fusedMultiplyAdd(a, a, -(1 + 2 ** -51))).toBe(2 ** -104);
  });
});

// Cardinal's order statistics, reproduced bit for bit: its quartiles come from statrs'
// `Data::quantile`, which is Hyndman and Fan's definition 8 (median-unbiased, as R's
// `quantile(type = 8)`), and its fences from Rust's `f64::mul_add`, a fused multiply-add with one
// rounding. A plain `q1 - 1.5 * iqr` in JavaScript rounds twice and can differ in the last bit,
// which matters because values are compared to fences with <= and >=.

/** Quantile `tau` of ascending values, or NaN when there are none (as statrs). */
export function quantile(sorted: ArrayLike<number>, tau: number): number {
  const n = sorted.length;
  if (!(tau >= 0 && tau <= 1) || n === 0) return Number.NaN;
  const h = (n + 1 / 3) * tau + 1 / 3;
  const hf = Math.trunc(h);
  if (hf <= 0 || tau === 0) return sorted[0] as number;
  if (hf >= n || tau === 1) return sorted[n - 1] as number;
  const a = sorted[hf - 1] as number;
  const b = sorted[hf] as number;
  return a + (h - hf) * (b - a);
}

/** Ascending copy, as a typed array so that a million values stay compact. */
export function sortedValues(values: Iterable<number>): Float64Array {
  const array = Float64Array.from(values);
  array.sort();
  return array;
}

export interface Quartiles {
  readonly q1: number;
  readonly q3: number;
}

export function quartiles(sorted: ArrayLike<number>): Quartiles {
  return { q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** Q1 - 1.5 IQR, rounded once as Rust's `(q3 - q1).mul_add(-1.5, q1)`. */
export const lowerFence = ({ q1, q3 }: Quartiles): number => fusedMultiplyAdd(q3 - q1, -1.5, q1);

/** Q3 + 1.5 IQR, rounded once as Rust's `(q3 - q1).mul_add(1.5, q3)`. */
export const upperFence = ({ q1, q3 }: Quartiles): number => fusedMultiplyAdd(q3 - q1, 1.5, q3);

// A double as an exact binary rational: mantissa * 2^exponent.
const view = new DataView(new ArrayBuffer(8));
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

const scale = (x: number, power: number): number => {
  // 2^power is exact for -1074..1023; split larger steps so no intermediate overflows.
  let result = x;
  let rest = power;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
};

/** a * b + c with a single rounding (round half to even), as IEEE 754 fusedMultiplyAdd. */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  const x = decompose(a);
  const y = decompose(b);
  const z = decompose(c);
  const productExponent = x.exponent + y.exponent;
  const exponent = Math.min(productExponent, z.exponent);
  const sum =
    x.mantissa * y.mantissa * (1n << BigInt(productExponent - exponent)) +
    z.mantissa * (1n << BigInt(z.exponent - exponent));
  if (sum === 0n) return a * b + c; // the sign of an exact zero follows IEEE's rules
  const negative = sum < 0n;
  let magnitude = negative ? -sum : sum;
  const shift = magnitude.toString(2).length - 53;
  let resultExponent = exponent;
  if (shift > 0) {
    const remainder = magnitude & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    magnitude >>= BigInt(shift);
    if (remainder > half || (remainder === half && (magnitude & 1n) === 1n)) magnitude += 1n;
    resultExponent += shift;
  }
  const result = scale(Number(magnitude), resultExponent);
  return negative ? -result : result;
}

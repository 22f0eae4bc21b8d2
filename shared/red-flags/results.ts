// Results in Cardinal's shape: group -> identifier -> indicator code -> value, plus `Meta`
// (quartiles and fences, rounded to 4 decimals). Numbers are written as Cardinal's Rust JSON
// writer writes an f64 (1.0, not 1; 1e16, not 10000000000000000; null for NaN and infinities),
// so that our output can be compared with Cardinal's byte for byte.
import type { IndicatorCode } from './settings.ts';

export type Group = 'OCID' | 'Buyer' | 'ProcuringEntity' | 'Tenderer';

/** Cardinal fills OCID and Tenderer while reading, Buyer and ProcuringEntity at the end. */
const GROUP_ORDER: readonly Group[] = ['OCID', 'Tenderer', 'Buyer', 'ProcuringEntity'];

export class Results {
  readonly groups = new Map<Group, Map<string, Record<string, number>>>(
    GROUP_ORDER.map((g) => [g, new Map()]),
  );
  readonly meta = new Map<IndicatorCode, Map<string, number>>();

  set(group: Group, id: string, code: IndicatorCode, value: number): void {
    const ids = this.groups.get(group) as Map<string, Record<string, number>>;
    let codes = ids.get(id);
    if (!codes) {
      codes = {};
      ids.set(id, codes);
    }
    codes[code] = value;
  }

  setMeta(code: IndicatorCode, key: string, value: number): void {
    let entries = this.meta.get(code);
    if (!entries) {
      entries = new Map();
      this.meta.set(code, entries);
    }
    entries.set(key, value);
  }

  get(group: Group, id: string): Readonly<Record<string, number>> | undefined {
    return this.groups.get(group)?.get(id);
  }
}

/** Rust's f64::round (half away from zero) to 4 decimals, as Cardinal rounds `Meta`. */
export const roundMeta = (value: number): number =>
  (Math.sign(value) * Math.round(Math.abs(value) * 10_000)) / 10_000;

/** An f64 as serde_json (ryu) writes it. */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const length = digits.length;
  const kk = Number(exponentText) + 1; // the decimal point sits after kk digits
  let text: string;
  if (kk >= length && kk <= 16) text = `${digits}${'0'.repeat(kk - length)}.0`;
  else if (kk > 0 && kk <= 16) text = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) text = `0.${'0'.repeat(-kk)}${digits}`;
  else if (length === 1) text = `${digits}e${kk - 1}`;
  else text = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  return negative ? `-${text}` : text;
}

export interface OutputOptions {
  /** Leave out the `Meta` key (Cardinal's --no-meta). */
  readonly noMeta?: boolean;
}

/** The output as JSON text in pieces, one identifier at a time, so large results stream. */
export function* jsonChunks(results: Results, options: OutputOptions = {}): Generator<string> {
  const codesJson = (codes: Record<string, number>): string =>
    `{${Object.entries(codes)
      .map(([code, value]) => `"${code}":${formatFloat(value)}`)
      .join(',')}}`;
  let first = true;
  yield '{';
  for (const [group, ids] of results.groups) {
    if (ids.size === 0) continue;
    yield `${first ? '' : ','}${JSON.stringify(group)}:{`;
    first = false;
    let firstId = true;
    for (const [id, codes] of ids) {
      yield `${firstId ? '' : ','}${JSON.stringify(id)}:${codesJson(codes)}`;
      firstId = false;
    }
    yield '}';
  }
  if (!options.noMeta) {
    const meta = [...results.meta]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([code, entries]) =>
          `"${code}":{${[...entries].map(([key, value]) => `${JSON.stringify(key)}:${formatFloat(roundMeta(value))}`).join(',')}}`,
      );
    yield `${first ? '' : ','}"Meta":{${meta.join(',')}}`;
  }
  yield '}';
}

export const toJsonText = (results: Results, options: OutputOptions = {}): string =>
  [...jsonChunks(results, options)].join('');

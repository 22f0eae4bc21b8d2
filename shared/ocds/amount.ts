// OCDS `value.amount` is a JSON number in major units; we store integers in minor units (amounts
// may also be decimal-digit strings past 2^53). The conversion is done on the digits, never by
// dividing a float: 1999 US cents become the string "19.99" and only then a number, which JSON
// prints back as 19.99.

/** Digits after the decimal point (ISO 4217 minor unit) of the currencies the platform accepts. */
const minorUnitDigits: Readonly<Record<string, number>> = {
  // The dong has no minor unit in use: stored amounts are whole dong and map 1:1.
  VND: 0,
  // Cents: stored amounts are divided by 100, on the digits.
  USD: 2,
  EUR: 2,
};

const DIGITS = /^-?(0|[1-9][0-9]*)$/;

export function minorUnits(currency: string): number {
  const digits = minorUnitDigits[currency];
  if (digits === undefined) throw new Error(`no minor unit known for currency ${currency}`);
  return digits;
}

/** The exact decimal text of an amount in major units: 1999 USD cents → "19.99", 5 → "0.05". */
export function majorUnitsText(minor: bigint | number | string, currency: string): string {
  const text = typeof minor === 'string' ? minor : String(minor);
  if (!DIGITS.test(text)) throw new Error(`not an integer amount in minor units: ${text}`);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const places = minorUnits(currency);
  if (places === 0) return text;
  const padded = digits.padStart(places + 1, '0');
  const whole = padded.slice(0, -places);
  const fraction = padded.slice(-places).replace(/0+$/, '');
  const sign = negative && digits !== '0' ? '-' : '';
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/**
 * The OCDS amount. Exact (JSON prints back the same digits) for every whole-unit amount up to 2^53
 * and for every two-decimal amount below 10^15 minor units, far beyond any tender; past that a
 * JSON number cannot hold the digits and this is the nearest one.
 */
export function ocdsAmount(minor: bigint | number | string, currency: string): number {
  return Number(majorUnitsText(minor, currency));
}

export interface OcdsValue {
  readonly amount: number;
  readonly currency: string;
}

export const ocdsValue = (minor: bigint | number | string, currency: string): OcdsValue => ({
  amount: ocdsAmount(minor, currency),
  currency,
});

/** Sum of integer minor-unit amounts without leaving integers (bigint), whatever their size. */
export const sumMinor = (amounts: readonly (bigint | number | string)[]): bigint =>
  amounts.reduce<bigint>((total, a) => total + BigInt(a), 0n);

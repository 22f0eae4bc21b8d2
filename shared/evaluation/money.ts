import * as z from 'zod';

const DIGITS = /^-?(0|[1-9]\d*)$/;

// Amounts are integers in the currency's minor unit (VND has none, so VND amounts are whole dong).
// JSON cannot carry a bigint and a JS number stops being exact past 2^53, so an amount may arrive as
// a safe integer or as a string of digits; either way it becomes a bigint before any arithmetic.
// One hand-written check rather than a three-way z.union: a union records an issue for every branch
// it tries, and with tens of thousands of amounts per evaluation that garbage dominated the parse.
export const Money = z
  .custom<bigint | number | string>(
    isAmount,
    'an integer amount: a bigint, a safe integer or a string of decimal digits',
  )
  .transform((value) => BigInt(value));

/** What Money accepts; also the read-back's check of a stored amount (validated.ts). */
export function isAmount(value: unknown): value is bigint | number | string {
  return (
    typeof value === 'bigint' ||
    (typeof value === 'number' && Number.isSafeInteger(value)) ||
    (typeof value === 'string' && DIGITS.test(value))
  );
}

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 alphabetic code');

/** How amounts appear in the report: decimal digits, never a float, always JSON-safe. */
export function formatMoney(amount: bigint): string {
  return amount.toString();
}

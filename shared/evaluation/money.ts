import { z } from 'zod';

// Amounts are integers in the currency's minor unit (VND has none, so VND amounts are whole dong).
// JSON cannot carry a bigint and a JS number stops being exact past 2^53, so an amount may arrive as
// a safe integer or as a string of digits; either way it becomes a bigint before any arithmetic.
export const Money = z
  .union([z.bigint(), z.int(), z.string().regex(/^-?(0|[1-9]\d*)$/, 'an integer amount as decimal digits')])
  .transform((value) => BigInt(value));

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 alphabetic code');

/** How amounts appear in the report: decimal digits, never a float, always JSON-safe. */
export function formatMoney(amount: bigint): string {
  return amount.toString();
}

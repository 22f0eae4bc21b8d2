// What a contractor seals as the "price form" part of an envelope, per bid procedure. Amounts are
// integers in the currency's minor unit, as JSON integers or decimal-digit strings (a price can
// pass 2^53 in some currencies). Strict: the opening minutes are an official record, so a field
// the opener does not understand makes the bid invalid rather than silently ignored.
import * as z from 'zod';
import { Currency } from '../schemas/common.ts';

const Digits = z.union([
  z.string().regex(/^(0|[1-9][0-9]{0,30})$/, 'must be decimal digits'),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
]);
/** Normalised to a decimal-digit string, as the minutes and the evaluation report write amounts. */
export const MoneyAmount = Digits.transform((v) => String(v));

export const DiscountOffer = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(9999) }),
  z.strictObject({ kind: z.literal('amount'), amount: MoneyAmount }),
]);

export const BidSecurity = z.strictObject({
  amount: MoneyAmount,
  /** The bank or insurer that issued the guarantee. */
  issuer: z.string().min(1).max(300).optional(),
  reference: z.string().min(1).max(100).optional(),
});

const priceFields = {
  currency: Currency,
  price: MoneyAmount.refine((p) => p !== '0', 'price must be positive'),
  discount: DiscountOffer.optional(),
};
const technicalFields = {
  bidSecurity: BidSecurity,
  /** Days the bid stays valid after the submission deadline. */
  validityDays: z.number().int().min(1).max(3650),
};

/** One envelope: the whole offer. */
export const PriceForm = z.strictObject({ ...priceFields, ...technicalFields });
/** Two envelopes, technical part: everything but the price. */
export const TechnicalForm = z.strictObject(technicalFields);
/** Two envelopes, financial part: the price alone. */
export const FinancialForm = z.strictObject(priceFields);

export type PriceForm = z.output<typeof PriceForm>;
export type TechnicalForm = z.output<typeof TechnicalForm>;
export type FinancialForm = z.output<typeof FinancialForm>;
export type PriceFormInput = z.input<typeof PriceForm>;
export type DiscountOffer = z.output<typeof DiscountOffer>;

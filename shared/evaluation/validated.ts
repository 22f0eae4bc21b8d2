// Validation once, ranking many times: the evaluation input is checked when it is stored, and what
// is ranked later is a ValidatedEvaluation, a type only this module produces. The brand is backed
// at run time by a registry of the objects it produced, so a hand-built or cast object is refused by
// rankValidated rather than ranked unchecked.
import type * as z from 'zod';
import { EvaluationInput, type ParsedBid, type ParsedEvaluationInput, type ParsedWeights } from './schema.ts';

declare const validatedBrand: unique symbol;

/** Input that passed the EvaluationInput schema, every per-bid and cross-bid check included. */
export type ValidatedEvaluation = ParsedEvaluationInput & { readonly [validatedBrand]: true };

const produced = new WeakSet<object>();

function brand(input: ParsedEvaluationInput): ValidatedEvaluation {
  // The checks hold for this bid list: adding, removing or replacing a bid afterwards could break a
  // cross-bid rule (one bid per contractor and lot), so the list and its holder are frozen.
  Object.freeze(input.bids);
  Object.freeze(input);
  produced.add(input);
  return input as ValidatedEvaluation;
}

/** Validates raw input (the EvaluationInput schema); throws its ZodError when invalid. */
export function validateEvaluation(raw: EvaluationInput): ValidatedEvaluation {
  return brand(EvaluationInput.parse(raw));
}

export type EvaluationCheck =
  | { readonly success: true; readonly data: ValidatedEvaluation }
  | { readonly success: false; readonly error: z.ZodError };

/** validateEvaluation without throwing, for callers that report the issues field by field. */
export function checkEvaluation(raw: EvaluationInput): EvaluationCheck {
  const result = EvaluationInput.safeParse(raw);
  return result.success
    ? { success: true, data: brand(result.data) }
    : { success: false, error: result.error };
}

/** The parsed input behind a ValidatedEvaluation; a TypeError for anything this module did not produce. */
export function requireValidated(input: ValidatedEvaluation): ParsedEvaluationInput {
  if (!produced.has(input)) {
    throw new TypeError('rankValidated takes input from validateEvaluation or readBackValidated only');
  }
  return input;
}

const money = (value: bigint | number | string): bigint => BigInt(value);

function weightsOf(weights: NonNullable<EvaluationInput['weights']>): ParsedWeights {
  // The schema's own normalisation (schema.ts Weights), in the key order its output has.
  return 'technicalPercent' in weights
    ? { technicalBasisPoints: weights.technicalPercent * 100, priceBasisPoints: weights.pricePercent * 100 }
    : { technicalBasisPoints: weights.technicalBasisPoints, priceBasisPoints: weights.priceBasisPoints };
}

function bidOf(bid: EvaluationInput['bids'][number]): ParsedBid {
  const parsed: ParsedBid = { ...bid, price: money(bid.price) } as ParsedBid;
  if (bid.discount?.kind === 'amount') {
    (parsed as { discount: ParsedBid['discount'] }).discount = {
      kind: 'amount',
      amount: money(bid.discount.amount),
    };
  }
  if (bid.adjustments) {
    (parsed as { adjustments: ParsedBid['adjustments'] }).adjustments = bid.adjustments.map((a) => ({
      label: a.label,
      amount: money(a.amount),
    }));
  }
  return parsed;
}

/**
 * Reads back input that validateEvaluation accepted and the caller then stored (as JSON: amounts
 * as digits, weights as given), without checking it again: it applies only the schema's
 * conversions (amounts to bigint, weights to basis points), so it must be given nothing but what
 * was stored after validation, its integrity verified by the store (the pipeline checks the
 * SHA-256 it recorded with it). Anything else goes through validateEvaluation.
 */
export function readBackValidated(stored: EvaluationInput): ValidatedEvaluation {
  const { weights, bids, ...settings } = stored;
  const parsed = { ...settings, bids: bids.map(bidOf) } as ParsedEvaluationInput;
  if (weights) (parsed as { weights: ParsedWeights }).weights = weightsOf(weights);
  return brand(parsed);
}

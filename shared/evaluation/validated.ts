// Validation once, ranking many times: the evaluation input is checked when it is stored, and what
// is ranked later is a ValidatedEvaluation, a type only this module produces. The brand is backed
// at run time by a registry of the objects it produced, so a hand-built or cast object is refused by
// rankValidated rather than ranked unchecked.
import type * as z from 'zod';
import { isAmount } from './money.ts';
import {
  EVALUATION_METHODS,
  EvaluationInput,
  type ParsedBid,
  type ParsedEvaluationInput,
  type ParsedWeights,
} from './schema.ts';

declare const validatedBrand: unique symbol;

/** Input that passed the EvaluationInput schema, every per-bid and cross-bid check included. */
export type ValidatedEvaluation = ParsedEvaluationInput & { readonly [validatedBrand]: true };

const produced = new WeakSet<object>();

// Freezing moves an object (and the bid list) to a frozen shape that V8 reaches by a transition
// and holds only weakly: once every input of a call was collected, a full collection dropped the
// shapes and deoptimised the ranking code that had read them, so each call after an idle worker's
// collection paid the compilers again. One small frozen input of the same shapes, kept for the
// process's life (readBackFrozenShapes below), holds them.
function brand(input: ParsedEvaluationInput): ValidatedEvaluation {
  // The checks hold for this bid list: adding, removing or replacing a bid afterwards could break a
  // cross-bid rule (one bid per contractor and lot), so the list and its holder are frozen.
  Object.freeze(input.bids);
  Object.freeze(input);
  produced.add(input);
  return input as ValidatedEvaluation;
}

/**
 * A parsed bid as one literal with every field (absent ones undefined, which every reader treats
 * as absent), whatever built it (zod or the read-back): one shape, which V8 keeps (see brand).
 */
function bidLiteral(
  bid: ParsedBid,
  price: bigint,
  discount: ParsedBid['discount'],
  adjustments: ParsedBid['adjustments'],
): ParsedBid {
  return {
    bidId: bid.bidId,
    contractorId: bid.contractorId,
    lotId: bid.lotId,
    price,
    discount,
    adjustments,
    eligibility: bid.eligibility,
    technicalScore: bid.technicalScore,
    receivedAt: bid.receivedAt,
  };
}

/** The parsed input as one literal with every setting, for the same reason as bidLiteral. */
function inputLiteral(input: ParsedEvaluationInput, bids: ParsedBid[]): ParsedEvaluationInput {
  return {
    method: input.method,
    currency: input.currency,
    weights: input.weights,
    maxScore: input.maxScore,
    minTechnicalScore: input.minTechnicalScore,
    bids,
  };
}

/** zod's output in the literal shapes the read-back gives (the ranking then sees one shape). */
function canonical(parsed: ParsedEvaluationInput): ParsedEvaluationInput {
  const bids: ParsedBid[] = new Array(parsed.bids.length);
  for (let i = 0; i < bids.length; i++) {
    const bid = parsed.bids[i] as ParsedBid;
    bids[i] = bidLiteral(bid, bid.price, bid.discount, bid.adjustments);
  }
  return inputLiteral(parsed, bids);
}

/** Validates raw input (the EvaluationInput schema); throws its ZodError when invalid. */
export function validateEvaluation(raw: EvaluationInput): ValidatedEvaluation {
  return brand(canonical(EvaluationInput.parse(raw)));
}

export type EvaluationCheck =
  | { readonly success: true; readonly data: ValidatedEvaluation }
  | { readonly success: false; readonly error: z.ZodError };

/** validateEvaluation without throwing, for callers that report the issues field by field. */
export function checkEvaluation(raw: EvaluationInput): EvaluationCheck {
  const result = EvaluationInput.safeParse(raw);
  return result.success
    ? { success: true, data: brand(canonical(result.data)) }
    : { success: false, error: result.error };
}

/** The parsed input behind a ValidatedEvaluation; a TypeError for anything this module did not produce. */
export function requireValidated(input: ValidatedEvaluation): ParsedEvaluationInput {
  if (!produced.has(input)) {
    throw new TypeError('rankValidated takes input from validateEvaluation or readBackValidated only');
  }
  return input;
}

// The read-back's structural check: cheap per-field type tests (no zod, no cross-bid rules) that
// what was read is the shape validateEvaluation stored. Its validity rests on the store (the
// SHA-256 recorded with the request); this only makes a document of another shape (an older
// format, a wrong object) fail by name instead of ranking as something it is not.
function misread(path: string): never {
  throw new TypeError(`stored evaluation input: ${path} is not as validation stored it`);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function money(value: unknown, path: string): bigint {
  if (!isAmount(value)) misread(path);
  return BigInt(value);
}

function checkEligibility(checks: unknown, path: string): void {
  if (!Array.isArray(checks) || checks.length === 0) misread(path);
  for (const check of checks as { criterion?: unknown; pass?: unknown; reason?: unknown }[]) {
    if (
      typeof check !== 'object' ||
      check === null ||
      !isText(check.criterion) ||
      typeof check.pass !== 'boolean' ||
      (check.reason !== undefined && typeof check.reason !== 'string')
    ) {
      misread(path);
    }
  }
}

function checkTechnicalScore(score: unknown, path: string): void {
  const s = score as { kind?: unknown; points?: unknown; outOf?: unknown; scores?: unknown };
  if (typeof s !== 'object' || s === null) misread(path);
  if (s.kind === 'agreed') {
    if (!isCount(s.points) || !isCount(s.outOf) || s.outOf === 0) misread(path);
    return;
  }
  if (s.kind !== 'evaluators' || !Array.isArray(s.scores) || s.scores.length === 0) misread(path);
  for (const c of s.scores as {
    evaluatorId?: unknown;
    criterion?: unknown;
    points?: unknown;
    outOf?: unknown;
  }[]) {
    if (
      typeof c !== 'object' ||
      c === null ||
      !isText(c.evaluatorId) ||
      !isText(c.criterion) ||
      !isCount(c.points) ||
      !isCount(c.outOf) ||
      c.outOf === 0
    ) {
      misread(path);
    }
  }
}

function weightsOf(weights: NonNullable<EvaluationInput['weights']>): ParsedWeights {
  // The schema's own normalisation (schema.ts Weights), in the key order its output has.
  if ('technicalPercent' in weights) {
    if (!isCount(weights.technicalPercent) || !isCount(weights.pricePercent)) misread('weights');
    return {
      technicalBasisPoints: weights.technicalPercent * 100,
      priceBasisPoints: weights.pricePercent * 100,
    };
  }
  if (!isCount(weights.technicalBasisPoints) || !isCount(weights.priceBasisPoints)) misread('weights');
  return { technicalBasisPoints: weights.technicalBasisPoints, priceBasisPoints: weights.priceBasisPoints };
}

function bidOf(bid: EvaluationInput['bids'][number], i: number): ParsedBid {
  const path = `bids.${i}`;
  if (typeof bid !== 'object' || bid === null) misread(path);
  if (!isText(bid.bidId) || !isText(bid.contractorId) || !isText(bid.lotId)) misread(`${path} ids`);
  if (typeof bid.receivedAt !== 'string') misread(`${path}.receivedAt`);
  checkEligibility(bid.eligibility, `${path}.eligibility`);
  if (bid.technicalScore !== undefined) checkTechnicalScore(bid.technicalScore, `${path}.technicalScore`);
  const price = money(bid.price, `${path}.price`);
  let discount = bid.discount as ParsedBid['discount'];
  const given = bid.discount;
  if (given !== undefined) {
    if (given.kind === 'amount') {
      discount = { kind: 'amount', amount: money(given.amount, `${path}.discount.amount`) };
    } else if (given.kind !== 'percent' || !isCount(given.basisPoints)) {
      misread(`${path}.discount`);
    }
  }
  let adjustments: ParsedBid['adjustments'];
  if (bid.adjustments !== undefined) {
    if (!Array.isArray(bid.adjustments)) misread(`${path}.adjustments`);
    // A loop rather than map with a closure made per bid (see tie-break.ts LotOrder on what V8
    // keeps of per-call closures and shapes).
    const list: { label: string; amount: bigint }[] = new Array(bid.adjustments.length);
    for (let k = 0; k < list.length; k++) {
      const a = bid.adjustments[k] as NonNullable<EvaluationInput['bids'][number]['adjustments']>[number];
      if (typeof a !== 'object' || a === null || !isText(a.label)) misread(`${path}.adjustments.${k}`);
      list[k] = { label: a.label, amount: money(a.amount, `${path}.adjustments.${k}.amount`) };
    }
    adjustments = list;
  }
  const parsed = bidLiteral(bid as unknown as ParsedBid, price, discount, adjustments);
  return parsed;
}

/**
 * Reads back input that validateEvaluation accepted and the caller then stored (as JSON: amounts
 * as digits or safe integers, weights as given), without validating it again: it applies the
 * schema's conversions (amounts to bigint, weights to basis points) and a structural check of
 * each field's type (a TypeError naming the first that is off), so it must be given nothing but
 * what was stored after validation, its integrity verified by the store (the pipeline checks the
 * SHA-256 it recorded with it). Anything else goes through validateEvaluation.
 */
export function readBackValidated(stored: EvaluationInput): ValidatedEvaluation {
  if (typeof stored !== 'object' || stored === null) misread('the input');
  const { method, currency, weights, maxScore, minTechnicalScore, bids } = stored;
  if (!(EVALUATION_METHODS as readonly unknown[]).includes(method)) misread('method');
  if (!isText(currency)) misread('currency');
  if (maxScore !== undefined && !isCount(maxScore)) misread('maxScore');
  if (minTechnicalScore !== undefined && !isCount(minTechnicalScore)) misread('minTechnicalScore');
  if (!Array.isArray(bids)) misread('bids');
  const parsedBids: ParsedBid[] = new Array(bids.length);
  for (let i = 0; i < bids.length; i++) parsedBids[i] = bidOf(bids[i] as EvaluationInput['bids'][number], i);
  // One literal with every setting (absent ones undefined, which every reader treats as absent)
  // rather than fields added one by one: V8 keeps the shape of a literal, while the shape an
  // object reaches by added fields is held weakly, and a full collection between two calls
  // dropped it and deoptimised the ranking code that had read it (see tie-break.ts LotOrder).
  const settings = {
    method,
    currency,
    weights: weights ? weightsOf(weights) : undefined,
    maxScore,
    minTechnicalScore,
  } as ParsedEvaluationInput;
  return brand(inputLiteral(settings, parsedBids));
}

/** See brand: a read-back input kept so that the frozen shapes read-back inputs take stay alive. */
export const readBackFrozenShapes: ValidatedEvaluation = readBackValidated({
  method: 'lowest-price',
  currency: 'VND',
  bids: [
    {
      bidId: 'shape',
      contractorId: 'shape',
      lotId: 'shape',
      price: '1',
      eligibility: [{ criterion: 'shape', pass: true }],
      receivedAt: '2025-01-01T00:00:00Z',
    },
  ],
});

import * as z from 'zod';
import { CurrencyCode, Money } from './money.ts';
import { ReceivedAt } from './received-at.ts';

// Inputs are strict objects: an evaluation is an official record, so a misspelt field (a
// "discont" that would silently be dropped) must be an error rather than a bid without a discount.

export const EVALUATION_METHODS = ['lowest-price', 'evaluated-price', 'combined', 'technical-score'] as const;
export const EvaluationMethod = z.enum(EVALUATION_METHODS);
export type EvaluationMethod = z.infer<typeof EvaluationMethod>;

/** The score scale used when the tender does not name one (a 100-point scale). */
export const DEFAULT_MAX_SCORE = 100;
export const BASIS_POINTS = 10_000;

const Text = z.string().min(1);
// Bounded so that sums over criteria and evaluators stay exact JS integers.
const MAX_POINTS = 1_000_000;
const Points = z.int().min(0).max(MAX_POINTS);
const OutOf = z.int().min(1).max(MAX_POINTS);

export const EligibilityCheck = z.strictObject({
  criterion: Text,
  pass: z.boolean(),
  reason: z.string().optional(),
});

export const Discount = z.discriminatedUnion('kind', [
  // A 100 % discount would make the price zero, which no method can rank; hence the open bound.
  z.strictObject({
    kind: z.literal('percent'),
    basisPoints: z
      .int()
      .min(0)
      .max(BASIS_POINTS - 1),
  }),
  z.strictObject({ kind: z.literal('amount'), amount: Money }),
]);

export const Adjustment = z.strictObject({ label: Text, amount: Money });

// points ≤ outOf is checked by the sheet's own pass over its scores, not by a refine per score:
// a tender can carry tens of thousands of them.
export const CriterionScore = z.strictObject({
  evaluatorId: Text,
  criterion: Text,
  points: Points,
  outOf: OutOf,
});

export const TechnicalScore = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('agreed'), points: Points, outOf: OutOf })
    .refine((s) => s.points <= s.outOf, { message: 'points cannot exceed outOf', path: ['points'] }),
  z
    .strictObject({ kind: z.literal('evaluators'), scores: z.array(CriterionScore).min(1) })
    .superRefine((value, ctx) => {
      // Averaging only makes sense when every evaluator marked the same criteria on the same scale;
      // then the mean of the evaluators' totals is simply all points over all maxima. Checked as:
      // one maximum per criterion, no criterion twice per evaluator, and every evaluator scoring as
      // many criteria as there are (so each scored all of them).
      const maxima = new Map<string, number>();
      const sheets = new Map<string, Set<string>>();
      let consistent = true;
      for (let i = 0; i < value.scores.length; i++) {
        const s = value.scores[i] as z.output<typeof CriterionScore>;
        if (s.points > s.outOf) {
          ctx.addIssue({
            code: 'custom',
            message: 'points cannot exceed outOf',
            path: ['scores', i, 'points'],
          });
        }
        const sheet = sheets.get(s.evaluatorId) ?? new Set<string>();
        if (sheet.has(s.criterion)) {
          ctx.addIssue({
            code: 'custom',
            message: 'criterion scored twice by one evaluator',
            path: ['scores', i],
          });
        }
        sheet.add(s.criterion);
        sheets.set(s.evaluatorId, sheet);
        const outOf = maxima.get(s.criterion);
        if (outOf === undefined) maxima.set(s.criterion, s.outOf);
        else if (outOf !== s.outOf) consistent = false;
      }
      for (const sheet of sheets.values()) if (sheet.size !== maxima.size) consistent = false;
      if (!consistent) {
        ctx.addIssue({
          code: 'custom',
          message: 'every evaluator must score the same criteria out of the same maxima',
          path: ['scores'],
        });
      }
    }),
]);

const WeightsInPercent = z
  .strictObject({ technicalPercent: z.int().min(0).max(100), pricePercent: z.int().min(0).max(100) })
  .refine((w) => w.technicalPercent + w.pricePercent === 100, 'weights must add up to 100 %')
  .transform((w) => ({
    technicalBasisPoints: w.technicalPercent * 100,
    priceBasisPoints: w.pricePercent * 100,
  }));

const WeightsInBasisPoints = z
  .strictObject({
    technicalBasisPoints: z.int().min(0).max(BASIS_POINTS),
    priceBasisPoints: z.int().min(0).max(BASIS_POINTS),
  })
  .refine(
    (w) => w.technicalBasisPoints + w.priceBasisPoints === BASIS_POINTS,
    'weights must add up to 10000 bp',
  );

/** Tender weights in whole percent or basis points; always normalised to basis points. */
export const Weights = z.union([WeightsInPercent, WeightsInBasisPoints]);

export const Bid = z
  .strictObject({
    bidId: Text,
    contractorId: Text,
    lotId: Text,
    price: Money.refine((p) => p > 0n, 'price must be positive'),
    discount: Discount.optional(),
    adjustments: z.array(Adjustment).optional(),
    eligibility: z.array(EligibilityCheck).min(1, 'eligibility is assessed before any method'),
    technicalScore: TechnicalScore.optional(),
    receivedAt: ReceivedAt,
  })
  .superRefine((bid, ctx) => {
    if (bid.discount?.kind === 'amount' && (bid.discount.amount < 0n || bid.discount.amount >= bid.price)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a discount amount must be at least zero and below the price',
        path: ['discount', 'amount'],
      });
    }
    const seen = new Set<string>();
    bid.eligibility.forEach((check, i) => {
      if (seen.has(check.criterion)) {
        ctx.addIssue({
          code: 'custom',
          message: 'criterion listed twice',
          path: ['eligibility', i, 'criterion'],
        });
      }
      seen.add(check.criterion);
    });
  });

const scoredMethods: ReadonlySet<EvaluationMethod> = new Set(['combined', 'technical-score']);
const adjustedMethods: ReadonlySet<EvaluationMethod> = new Set(['evaluated-price', 'combined']);

export const EvaluationInput = z
  .strictObject({
    method: EvaluationMethod,
    currency: CurrencyCode,
    weights: Weights.optional(),
    maxScore: z.int().min(1).optional(),
    minTechnicalScore: z.int().min(0).optional(),
    bids: z.array(Bid),
  })
  .superRefine((input, ctx) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    const scored = scoredMethods.has(input.method);

    // Settings that belong to another method are refused rather than ignored: a tender configured
    // with weights but evaluated at lowest price is a mistake someone should see.
    if (input.method === 'combined' && !input.weights)
      issue('combined evaluation needs weights', ['weights']);
    if (input.method !== 'combined' && input.weights) issue(`${input.method} takes no weights`, ['weights']);
    if (input.method === 'technical-score' && input.minTechnicalScore === undefined) {
      issue('technical-score evaluation needs a minimum technical score', ['minTechnicalScore']);
    }
    if (!scored && input.minTechnicalScore !== undefined) {
      issue(`${input.method} takes no minimum technical score`, ['minTechnicalScore']);
    }
    if (!scored && input.maxScore !== undefined) issue(`${input.method} takes no score scale`, ['maxScore']);
    if (
      input.minTechnicalScore !== undefined &&
      input.minTechnicalScore > (input.maxScore ?? DEFAULT_MAX_SCORE)
    ) {
      issue('the minimum technical score is above the maximum score', ['minTechnicalScore']);
    }

    const bidIds = new Set<string>();
    const contractorsByLot = new Map<string, Set<string>>();
    input.bids.forEach((bid, i) => {
      if (bidIds.has(bid.bidId)) issue('bidId is not unique', ['bids', i, 'bidId']);
      bidIds.add(bid.bidId);
      const contractors = contractorsByLot.get(bid.lotId) ?? new Set<string>();
      if (contractors.has(bid.contractorId)) {
        issue('a contractor has one bid per lot', ['bids', i, 'contractorId']);
      }
      contractors.add(bid.contractorId);
      contractorsByLot.set(bid.lotId, contractors);

      if (bid.adjustments && bid.adjustments.length > 0 && !adjustedMethods.has(input.method)) {
        issue(`${input.method} takes no price adjustments (use evaluated-price)`, ['bids', i, 'adjustments']);
      }
      if (!scored && bid.technicalScore) {
        issue(`${input.method} takes no technical score`, ['bids', i, 'technicalScore']);
      }
      // A bid excluded at eligibility may never have been scored; an eligible one must have been.
      const eligible = bid.eligibility.every((check) => check.pass);
      if (scored && eligible && !bid.technicalScore) {
        issue('an eligible bid needs a technical score', ['bids', i, 'technicalScore']);
      }
    });
  });

/** What callers pass: amounts as bigint, safe integer or digit string; weights in % or bp. */
export type EvaluationInput = z.input<typeof EvaluationInput>;
/** The validated input: amounts as bigint, weights in basis points. */
export type ParsedEvaluationInput = z.output<typeof EvaluationInput>;
export type BidInput = z.input<typeof Bid>;
export type ParsedBid = z.output<typeof Bid>;
export type DiscountInput = z.input<typeof Discount>;
export type ParsedDiscount = z.output<typeof Discount>;
export type AdjustmentInput = z.input<typeof Adjustment>;
export type EligibilityCheck = z.infer<typeof EligibilityCheck>;
export type TechnicalScoreInput = z.input<typeof TechnicalScore>;
export type ParsedTechnicalScore = z.output<typeof TechnicalScore>;
export type WeightsInput = z.input<typeof Weights>;
export type ParsedWeights = z.output<typeof Weights>;

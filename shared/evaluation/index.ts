export { evaluate, rankValidated } from './evaluate.ts';
export { formatMoney } from './money.ts';
export { discountAmount, type Pricing, priceBid } from './pricing.ts';
export { compare, type Rational, rational, toDecimal, toFraction } from './rational.ts';
export { compareInstants, receivedAtKey } from './received-at.ts';
export type {
  BidOutcome,
  ComputationResult,
  DiscountView,
  EligibilityResult,
  EvaluationReport,
  ExclusionReason,
  LotRanking,
  RankedEntry,
  ScoreView,
  TechnicalView,
} from './report.ts';
export { SCORE_DECIMALS } from './report.ts';
export {
  type AdjustmentInput,
  BASIS_POINTS,
  Bid,
  type BidInput,
  DEFAULT_MAX_SCORE,
  Discount,
  type DiscountInput,
  EligibilityCheck,
  EVALUATION_METHODS,
  EvaluationInput,
  EvaluationMethod,
  type ParsedBid,
  type ParsedDiscount,
  type ParsedEvaluationInput,
  type ParsedTechnicalScore,
  type ParsedWeights,
  TechnicalScore,
  type TechnicalScoreInput,
  Weights,
  type WeightsInput,
} from './schema.ts';
export { RANKING_KEYS, RANKING_ORDER, type RankingKey } from './tie-break.ts';
export {
  checkEvaluation,
  type EvaluationCheck,
  readBackValidated,
  type ValidatedEvaluation,
  validateEvaluation,
} from './validated.ts';

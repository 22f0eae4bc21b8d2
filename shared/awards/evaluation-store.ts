// A tender's evaluation in the tenders table, one partition with the tender:
//   EVALUATION                       the stage the evaluation is at
//   ELIG#<bidId>#<criterion>         an eligibility verdict (pass/fail with reason)
//   TECH#<bidId>#<evaluator>#<crit>  one evaluator's technical score on one criterion
//   ADJ#<bidId>#<label>              an evaluated-price adjustment (life-cycle cost, deviation)
import { adjustmentEntity, eligibilityEntity, technicalScoreEntity } from '../entities/tenders.ts';
import { tenderItemsWithPrefix } from './tender-items.ts';

// The evaluation's own record (stage and key) is declared with the opening, which starts it and
// moves it on at the financial opening (shared/opening/evaluation-state.ts): awards builds on the
// opening, never the other way round.
export {
  type EvaluationStage,
  type EvaluationState,
  evaluationKey,
  getEvaluation,
} from '../opening/evaluation-state.ts';

export const eligibilityKey = (tenderId: string, bidId: string, criterion: string) =>
  eligibilityEntity.key({ tenderId, bidId, criterion });
export const technicalScoreKey = (tenderId: string, bidId: string, evaluatorId: string, criterion: string) =>
  technicalScoreEntity.key({ tenderId, bidId, evaluatorId, criterion });
export const adjustmentKey = (tenderId: string, bidId: string, label: string) =>
  adjustmentEntity.key({ tenderId, bidId, label });

export interface EligibilityEntry {
  readonly bidId: string;
  readonly criterion: string;
  readonly pass: boolean;
  readonly reason?: string;
  readonly enteredBy: string;
  readonly enteredAt: string;
}

export interface TechnicalScoreEntry {
  readonly bidId: string;
  readonly evaluatorId: string;
  readonly criterion: string;
  readonly points: number;
  readonly outOf: number;
  readonly enteredAt: string;
}

export interface AdjustmentEntry {
  readonly bidId: string;
  readonly label: string;
  /** Integer minor units, may be negative; a decimal-digit string with optional minus. */
  readonly amount: string;
  readonly enteredBy: string;
  readonly enteredAt: string;
}

export interface EvaluationEntries {
  readonly eligibility: EligibilityEntry[];
  readonly technicalScores: TechnicalScoreEntry[];
  readonly adjustments: AdjustmentEntry[];
}

export async function loadEntries(tenderId: string): Promise<EvaluationEntries> {
  const [eligibility, technicalScores, adjustments] = await Promise.all([
    tenderItemsWithPrefix(tenderId, eligibilityEntity.skPrefix({})),
    tenderItemsWithPrefix(tenderId, technicalScoreEntity.skPrefix({})),
    tenderItemsWithPrefix(tenderId, adjustmentEntity.skPrefix({})),
  ]);
  return {
    eligibility: eligibility as unknown as EligibilityEntry[],
    technicalScores: technicalScores as unknown as TechnicalScoreEntry[],
    adjustments: adjustments as unknown as AdjustmentEntry[],
  };
}

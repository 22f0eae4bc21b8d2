// A tender's evaluation in the tenders table, one partition with the tender:
//   EVALUATION                       the stage the evaluation is at
//   ELIG#<bidId>#<criterion>         an eligibility verdict (pass/fail with reason)
//   TECH#<bidId>#<evaluator>#<crit>  one evaluator's technical score on one criterion
//   ADJ#<bidId>#<label>              an evaluated-price adjustment (life-cycle cost, deviation)
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import {
  adjustmentEntity,
  eligibilityEntity,
  evaluationEntity,
  technicalScoreEntity,
} from '../entities/tenders.ts';
import { tenderItemsWithPrefix, withoutKeys } from './tender-items.ts';

/**
 * entries            evaluators enter verdicts, scores and adjustments (two envelopes: technical review)
 * technical-approved two envelopes: the compliant list is approved; the financial parts are opening
 * financial-opened   two envelopes: prices are public; adjustments, then the ranking
 * requested          the ranking was asked for and is being computed
 * ranked             the report is stored; the procuring entity awards from it
 */
export type EvaluationStage = 'entries' | 'technical-approved' | 'financial-opened' | 'requested' | 'ranked';

export interface EvaluationState {
  readonly tenderId: string;
  readonly stage: EvaluationStage;
  readonly twoEnvelope: boolean;
  readonly version: number;
  readonly startedAt: string;
  readonly compliantBidIds?: readonly string[];
  readonly approvedAt?: string;
  readonly approvedBy?: string;
  readonly requestId?: string;
  readonly requestedAt?: string;
  /** The stage to return to when an entry changes after a ranking was asked for. */
  readonly entryStage?: 'entries' | 'financial-opened';
  /** The input the ranking request validated and stored (evaluation-snapshot.ts), for the worker. */
  readonly input?: { readonly objectKey: string; readonly sha256: string };
  readonly report?: { readonly objectKey: string; readonly sha256: string; readonly rankedAt: string };
}

export const evaluationKey = (tenderId: string) => evaluationEntity.key({ tenderId });
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

export async function getEvaluation(tenderId: string): Promise<EvaluationState | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: resources.table('tenders'),
      Key: evaluationKey(tenderId),
      ConsistentRead: true,
    }),
  );
  return result.Item ? (withoutKeys(result.Item) as unknown as EvaluationState) : undefined;
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

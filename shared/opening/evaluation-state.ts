// A tender's evaluation record (sort key EVALUATION in the tender's partition): the stage it is
// at. The opening starts it and moves it on at the financial opening; the evaluation steps
// (shared/awards/) carry it from there. Declared here so that awards depends on the opening and
// the opening on nothing of awards.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { evaluationEntity } from '../entities/tenders.ts';

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

const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

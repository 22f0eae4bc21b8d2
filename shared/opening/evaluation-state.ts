// A tender's evaluation record (sort key EVALUATION in the tender's partition): the stage it is
// at. The opening starts it and moves it on at the financial opening; the evaluation steps
// (shared/awards/) carry it from there. Declared here so that awards depends on the opening and
// the opening on nothing of awards.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import type { EvaluationState } from '../entities/records.ts';
import { evaluationEntity } from '../entities/tenders.ts';

export type { EvaluationStage, EvaluationState } from '../entities/records.ts';

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

// The only writer of an evaluation's stage (evaluationLifecycle, tables.ts). Each step is an
// Update of the EVALUATION item conditioned on the stage being one the row starts from, so a
// stage that moved meanwhile fails the transaction instead of being overwritten.

import type { TransactItem } from '../db/audited-write.ts';
import type { EvaluationStage, EvaluationState } from '../entities/records.ts';
import { evaluationEntity } from '../entities/tenders.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Step } from './commit.ts';
import { START, type TransitionOf } from './define-lifecycle.ts';
import { evaluationLifecycle } from './tables.ts';

export type EvaluationTransition = TransitionOf<typeof evaluationLifecycle>;

/** The new evaluation record of the `start` row (written with the tender's startEvaluation). */
export function evaluationStart(state: Omit<EvaluationState, 'stage' | 'entryStage'>): Step {
  const stage = evaluationLifecycle.next('start', undefined);
  const item: TransactItem = {
    Put: {
      TableName: tenderTable(),
      Item: { ...evaluationEntity.key(state), ...state, stage, entryStage: stage },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  return { aggregate: 'evaluation', transition: 'start', spec: evaluationLifecycle.transitions.start, item };
}

export interface StageUpdate {
  /** Other attributes set with the stage, by name. */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Further conditions, ANDed with the stage's: `version` and/or `requestId` as they were read. */
  readonly expect?: { readonly version?: number; readonly requestId?: string };
  /** The verb in the 409 when the stage does not allow the transition. */
  readonly doing?: string;
}

/**
 * The step for `transition` from the evaluation's current stage; throws the 409 naming the stage
 * if the row does not start from it.
 */
export function evaluationStep(
  transition: EvaluationTransition,
  evaluation: EvaluationState,
  update: StageUpdate = {},
): Step {
  const spec = evaluationLifecycle.transitions[transition];
  const to = evaluationLifecycle.next(transition, evaluation.stage, update.doing) as EvaluationStage;
  const names: Record<string, string> = { '#stage': 'stage', '#version': 'version' };
  const values: Record<string, unknown> = { ':to': to, ':one': 1 };
  const sets = ['#stage = :to'];
  Object.entries(update.set ?? {}).forEach(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = value;
    sets.push(`#a${i} = :a${i}`);
  });
  const from = spec.from.filter((s) => s !== START);
  from.forEach((stage, i) => {
    values[`:from${i}`] = stage;
  });
  const conditions = [`#stage IN (${from.map((_, i) => `:from${i}`).join(', ')})`];
  if (update.expect?.version !== undefined) {
    conditions.push('#version = :expected');
    values[':expected'] = update.expect.version;
  }
  if (update.expect?.requestId !== undefined) {
    conditions.push('requestId = :request');
    values[':request'] = update.expect.requestId;
  }
  return {
    aggregate: 'evaluation',
    transition,
    spec,
    item: {
      Update: {
        TableName: tenderTable(),
        Key: evaluationEntity.key(evaluation),
        UpdateExpression: `SET ${sets.join(', ')}, #version = #version + :one`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

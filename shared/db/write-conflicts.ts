// A write that lost to another one, in every shape DynamoDB and our own transaction helper report
// it: a condition that no longer held (ConditionalCheckFailedException on a single-item write, a
// TransactionCanceledException with a ConditionalCheckFailed reason, writeWithAudit's
// ConditionFailed), or a transaction cancelled because another transaction held one of its items
// (TransactionConflict). The HTTP wrapper maps both to 409 in one place
// (shared/http/domain-problem.ts); a store that can say more (which rule the condition guarded)
// translates the failure through `onConditionFailure` instead of catching it by hand.
import { ConditionFailed } from './audited-write.ts';

interface AwsLikeError {
  name?: string;
  CancellationReasons?: { Code?: string }[];
}

export interface ConditionFailure {
  /** Which transaction item's condition failed, when the write was a transaction. */
  readonly index: number | undefined;
}

/** The failed condition in `error`, or undefined if the error is something else. */
export function conditionFailure(error: unknown): ConditionFailure | undefined {
  if (error instanceof ConditionFailed) return { index: error.index };
  const e = error as AwsLikeError;
  if (e?.name === 'ConditionalCheckFailedException') return { index: undefined };
  if (e?.name === 'TransactionCanceledException') {
    const index = (e.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (index >= 0) return { index };
  }
  return undefined;
}

/** A transaction cancelled only because another transaction held one of its items. */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as AwsLikeError;
  if (e?.name === 'TransactionConflictException') return true;
  const reasons = e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : [];
  return (
    reasons.some((r) => r.Code === 'TransactionConflict') &&
    reasons.every((r) => r.Code === 'TransactionConflict' || r.Code === 'None' || r.Code === undefined)
  );
}

/** Either kind of lost race: a failed condition or a conflicting transaction. */
export const lostWriteRace = (error: unknown): boolean =>
  conditionFailure(error) !== undefined || isTransactionConflict(error);

/**
 * Rethrows `error`, as the more precise domain error `translate` gives for a failed condition
 * (it may look at which item failed and return undefined to keep the generic 409), unchanged
 * otherwise. Use as `catch (error) { onConditionFailure(error, () => new Conflict(...)) }`.
 */
export function onConditionFailure(
  error: unknown,
  translate: (failure: ConditionFailure) => Error | undefined,
): never {
  const failure = conditionFailure(error);
  const translated = failure && translate(failure);
  throw translated ?? error;
}

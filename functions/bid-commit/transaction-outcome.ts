import { ConditionFailed } from '../../shared/db/audited-write.ts';

/**
 * A condition failed, or DynamoDB cancelled the transaction because another one held an item:
 * in both cases someone else changed the same bid meanwhile.
 */
export function lostRace(error: unknown): boolean {
  if (error instanceof ConditionFailed) return true;
  const { name, CancellationReasons } = error as {
    name?: string;
    CancellationReasons?: { Code?: string }[];
  };
  if (name === 'TransactionConflictException') return true;
  return (
    name === 'TransactionCanceledException' &&
    (CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')
  );
}

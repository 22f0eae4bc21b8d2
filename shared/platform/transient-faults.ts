// AWS answers that mean "not now" rather than "never": throttling, a 5xx, a timeout or a dropped
// connection, a transaction that lost to another one on the same item. Callers that retry on
// their own (the opener's reads) and the HTTP wrapper's retryable answers share this one list.
import { isTransactionConflict } from '../db/write-conflicts.ts';

// Names as the SDK reports them (service error codes and the transport's own).
const throttling = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'LimitExceededException',
]);
const transient = new Set([
  'InternalServerError',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'KMSInternalException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const transportCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export type TransientFault = 'throttled' | 'transient';

/** What kind of passing fault `error` is, or undefined if it is not one. */
export function transientFault(error: unknown): TransientFault | undefined {
  const e = error as AwsLikeError;
  if (!e || typeof e !== 'object') return undefined;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (throttling.has(e.name ?? '') || status === 429) return 'throttled';
  if (
    transient.has(e.name ?? '') ||
    transportCodes.has(e.code ?? '') ||
    status >= 500 ||
    isTransactionConflict(error)
  ) {
    return 'transient';
  }
  return undefined;
}

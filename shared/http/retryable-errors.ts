// AWS answers that mean "not now" rather than "never": throttling, a 5xx, a timeout or a dropped
// connection, a transaction that lost to another one on the same item. By the time a handler sees
// one, the SDK's own retries are spent; the client is told to come back (503 with Retry-After and
// a stable code), never given a 500. The bid commit is idempotent under its Idempotency-Key, so a
// client retrying after a lost answer gets the receipt of the write that did happen.
import { isTransactionConflict } from '../db/write-conflicts.ts';
import { HttpProblem } from './problem.ts';

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

/** The retryable problem for an AWS error that deserves one, or undefined (a real bug: 500). */
export function retryableProblem(error: unknown): HttpProblem | undefined {
  const e = error as AwsLikeError;
  if (!e || typeof e !== 'object') return undefined;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (throttling.has(e.name ?? '') || status === 429) {
    return new HttpProblem(503, 'Service Unavailable', 'the service is busy: retry with the same request', {
      code: 'SERVICE_BUSY',
      headers: { 'retry-after': '2' },
    });
  }
  if (
    transient.has(e.name ?? '') ||
    transportCodes.has(e.code ?? '') ||
    status >= 500 ||
    isTransactionConflict(error)
  ) {
    return new HttpProblem(
      503,
      'Service Unavailable',
      'a transient failure interrupted this request: retry with the same request',
      { code: 'TRY_AGAIN', headers: { 'retry-after': '1' } },
    );
  }
  return undefined;
}

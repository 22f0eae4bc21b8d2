// AWS answers that mean "not now" rather than "never": throttling, a 5xx, a timeout or a dropped
// connection, a transaction that lost to another one on the same item. By the time a handler sees
// one, the SDK's own retries are spent; the client is told to come back (503 with Retry-After and
// a stable code), never given a 500. The bid commit is idempotent under its Idempotency-Key, so a
// client retrying after a lost answer gets the receipt of the write that did happen.
import { transientFault } from '../platform/transient-faults.ts';
import { HttpProblem } from './problem.ts';

/** The retryable problem for an AWS error that deserves one, or undefined (a real bug: 500). */
export function retryableProblem(error: unknown): HttpProblem | undefined {
  const fault = transientFault(error);
  if (fault === 'throttled') {
    return new HttpProblem(503, 'Service Unavailable', 'the service is busy: retry with the same request', {
      code: 'SERVICE_BUSY',
      headers: { 'retry-after': '2' },
    });
  }
  if (fault === 'transient') {
    return new HttpProblem(
      503,
      'Service Unavailable',
      'a transient failure interrupted this request: retry with the same request',
      { code: 'TRY_AGAIN', headers: { 'retry-after': '1' } },
    );
  }
  return undefined;
}

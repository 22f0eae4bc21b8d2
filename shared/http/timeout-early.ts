// A function that runs out of time answers 503 TRY_AGAIN with Retry-After, not a crash: middy
// gives up on the handler this long before Lambda's own timeout and answers this instead (its
// default throws "[AbortError]", which API Gateway turns into a bare 500). Whatever the handler
// was doing either happened or did not; the client's retry with the same Idempotency-Key finds
// out (an idempotent commit answers with its receipt).
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../runtime/logger.ts';
import { HttpProblem } from './problem.ts';

/** Left to answer, to log, and for the runtime to send the answer before the timeout. */
export const timeoutEarlyInMillis = 1000;

export function timeoutEarlyResponse(): APIGatewayProxyStructuredResultV2 {
  logger.warn('function about to time out; the client is told to retry');
  const problem = new HttpProblem(
    503,
    'Service Unavailable',
    'the request took too long: retry with the same request (and Idempotency-Key)',
    { code: 'TRY_AGAIN', headers: { 'retry-after': '1' } },
  );
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
    body: JSON.stringify(problem.toBody()),
  };
}

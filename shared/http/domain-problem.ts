// The one place where errors become RFC 9457 problems: domain errors (shared/errors/) by their
// kind, writes that lost a race (shared/db/write-conflicts.ts) as 409s, passing cloud faults as
// retryable 503s. Anything else is a bug: the HTTP wrapper logs it and answers 500.
import { conditionFailure, isTransactionConflict } from '../db/write-conflicts.ts';
import { DomainError, PreconditionFailed, Unavailable } from '../errors/domain-error.ts';
import { HttpProblem } from './problem.ts';
import { retryableProblem } from './retryable-errors.ts';

const statusOf: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'rule-broken': 422,
  'precondition-required': 428,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  503: 'Service Unavailable',
};

function headersOf(error: DomainError): Record<string, string> {
  if (error.kind === 'unauthenticated') return { 'www-authenticate': 'Bearer' };
  if (error instanceof PreconditionFailed && error.currentVersion !== undefined) {
    return { etag: `"${error.currentVersion}"` };
  }
  if (error instanceof Unavailable) return { 'retry-after': String(error.retryAfterSeconds) };
  return {};
}

export function domainProblem(error: DomainError): HttpProblem {
  const status = statusOf[error.kind];
  return new HttpProblem(status, titles[status] ?? 'Error', error.message, {
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    headers: headersOf(error),
    extra: error.details,
  });
}

/** The problem a thrown error is answered with, or undefined for a bug (a 500). */
export function problemFor(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) return domainProblem(error);
  // A condition no longer held: someone else changed the item since it was read.
  if (conditionFailure(error)) {
    return new HttpProblem(409, 'Conflict', 'the resource changed while this request ran: read it again', {
      code: 'CONCURRENT_UPDATE',
    });
  }
  // Another transaction held an item: nothing was written; the same request may be sent again.
  if (isTransactionConflict(error)) {
    return new HttpProblem(409, 'Conflict', 'another change to the same resource was under way: retry', {
      code: 'TRANSACTION_CONFLICT',
      headers: { 'retry-after': '1' },
    });
  }
  return retryableProblem(error);
}

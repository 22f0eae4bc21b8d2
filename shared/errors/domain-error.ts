// What domain code throws when it refuses something: a kind (not found, conflict, a broken rule,
// ...), a stable machine code, the English detail, and optionally the fields at fault and extra
// details. Domain code knows nothing of HTTP; the HTTP wrapper (shared/http/domain-problem.ts)
// is the one place that turns these into RFC 9457 problems.
import type { ProblemCode } from './problem-codes.ts';

export interface FieldIssue {
  /** Dotted path of the offending field, prefixed with where it came from: `body.lots.0.value`. */
  readonly field: string;
  readonly message: string;
  /** A more precise code for this field's problem than the error's own, when there is one. */
  readonly code?: string;
  /** A procedure rule's stable id (shared/procedures/procedure-rules.ts), with its limit and the value given. */
  readonly rule?: string;
  readonly limit?: number | readonly string[];
  readonly value?: number | string;
  readonly unit?: string;
}

export interface DomainErrorOptions {
  /** The one field at fault (its message is the detail); `errors` names several. */
  readonly field?: string;
  readonly errors?: readonly FieldIssue[];
  /** Extra members of the rendered problem (e.g. `{ deadline }`), for clients to act on. */
  readonly details?: Record<string, unknown>;
}

export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'precondition-required'
  | 'rule-broken'
  | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly code: ProblemCode;
  readonly errors: readonly FieldIssue[] | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ProblemCode, detail: string, options: DomainErrorOptions = {}) {
    super(detail);
    this.name = new.target.name;
    this.code = code;
    this.errors = options.errors ?? (options.field ? [{ field: options.field, message: detail }] : undefined);
    this.details = options.details ?? {};
  }
}

/** The request itself is malformed or a field is invalid (the caller must change it). */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid';
}

/** No valid credentials came with the request. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
}

/** The caller may not do this, whatever the state. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFound extends DomainError {
  readonly kind = 'not-found';
}

/** The current state does not allow this (a cancelled tender, a bid already replaced, ...). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** The caller's version is stale: read again; `currentVersion` is what it should read. */
export class PreconditionFailed extends DomainError {
  readonly kind = 'precondition-failed';
  readonly currentVersion: number | undefined;
  constructor(code: ProblemCode, detail: string, currentVersion?: number, options: DomainErrorOptions = {}) {
    super(code, detail, options);
    this.currentVersion = currentVersion;
  }
}

/** The request is well formed but breaks a business rule (a procedure's limit, a sealed term). */
export class RuleBroken extends DomainError {
  readonly kind = 'rule-broken';
}

/** Not now: something the request needs is temporarily missing; the same request may be retried. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
  readonly retryAfterSeconds: number;
  constructor(code: ProblemCode, detail: string, retryAfterSeconds = 1, options: DomainErrorOptions = {}) {
    super(code, detail, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

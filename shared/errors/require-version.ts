// The lost-update guard behind If-Match: a write names the version it read (the HTTP wrapper turns
// the header into `ifMatch`, and answers 428 when a route that requires it gets none); a stale one
// is a 412 carrying the current version, so the client reads again instead of overwriting.
import { PreconditionFailed } from './domain-error.ts';

/** Throws 412 PRECONDITION_FAILED unless `ifMatch` is `current`'s version; `what` names it. */
export function requireVersion(
  current: { readonly version: number },
  ifMatch: number | undefined,
  what: string,
): void {
  if (current.version !== ifMatch) {
    throw new PreconditionFailed(
      'PRECONDITION_FAILED',
      `${what} was changed since you read it`,
      current.version,
    );
  }
}

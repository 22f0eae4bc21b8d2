// Refusals of a bid confirmation (functions/bid-commit/confirm.ts), each with a stable code.
import { Conflict, RuleBroken } from '../errors/domain-error.ts';

export const confirmationProblems = {
  revisionNotCurrent: (given: number, current: number) =>
    new Conflict(
      'CONFIRMATION_REVISION_NOT_CURRENT',
      `the tender is at revision ${current}, not ${given}: read it and confirm the current revision`,
      {
        errors: [{ field: 'body.tenderRevision', message: `must be the current revision ${current}` }],
        details: { currentRevision: current },
      },
    ),
  notRequired: (bidId: string, revision: number) =>
    new Conflict(
      'CONFIRMATION_NOT_REQUIRED',
      `bid ${bidId} already answers revision ${revision}: nothing to confirm`,
    ),
  signatureInvalid: () =>
    new RuleBroken(
      'CONFIRMATION_SIGNATURE_INVALID',
      'the signature does not verify over the confirmation statement (tender, lot, contractor, bid, envelope hashes, tenderRevision) with the named key',
      { errors: [{ field: 'body.signature', message: 'does not verify' }] },
    ),
};

// Refusals of a bid confirmation (functions/bid-commit/confirm.ts), each with a stable code.
import { HttpProblem } from '../http/problem.ts';

export const confirmationProblems = {
  revisionNotCurrent: (given: number, current: number) =>
    new HttpProblem(
      409,
      'Conflict',
      `the tender is at revision ${current}, not ${given}: read it and confirm the current revision`,
      {
        code: 'CONFIRMATION_REVISION_NOT_CURRENT',
        errors: [{ field: 'body.tenderRevision', message: `must be the current revision ${current}` }],
        extra: { currentRevision: current },
      },
    ),
  notRequired: (bidId: string, revision: number) =>
    new HttpProblem(
      409,
      'Conflict',
      `bid ${bidId} already answers revision ${revision}: nothing to confirm`,
      {
        code: 'CONFIRMATION_NOT_REQUIRED',
      },
    ),
  signatureInvalid: () =>
    new HttpProblem(
      422,
      'Unprocessable Content',
      'the signature does not verify over the confirmation statement (tender, lot, contractor, bid, envelope hashes, tenderRevision) with the named key',
      {
        code: 'CONFIRMATION_SIGNATURE_INVALID',
        errors: [{ field: 'body.signature', message: 'does not verify' }],
      },
    ),
};

// Every refusal of a bid operation, each with a stable `code` in the problem+json body, so a
// contractor's tool (and the tests) can tell them apart without reading prose.
import {
  Conflict,
  type DomainError,
  Forbidden,
  InvalidInput,
  NotFound,
  RuleBroken,
  Unavailable,
} from '../errors/domain-error.ts';
import type { ProblemCode } from '../errors/problem-codes.ts';

// The status each refusal had as an HTTP problem, as the kind of domain error it now is.
const kinds = {
  400: InvalidInput,
  403: Forbidden,
  404: NotFound,
  409: Conflict,
  422: RuleBroken,
} as const;

const problem = (
  status: keyof typeof kinds,
  code: ProblemCode,
  detail: string,
  options: { field?: string; extra?: Record<string, unknown> } = {},
): DomainError =>
  new kinds[status](code, detail, {
    ...(options.field ? { field: options.field } : {}),
    ...(options.extra ? { details: options.extra } : {}),
  });

export const bidProblems = {
  notRegistered: () =>
    problem(
      403,
      'CONTRACTOR_NOT_REGISTERED',
      'this account has not registered a contractor (POST /contractors)',
    ),
  notEligible: (reason: string) =>
    problem(403, 'CONTRACTOR_NOT_ELIGIBLE', `the contractor may not bid: ${reason}`),
  tenderNotFound: (tenderId: string) =>
    problem(404, 'TENDER_NOT_FOUND', `no published tender ${tenderId}`, { field: 'path.tenderId' }),
  tenderCancelled: (tenderId: string) =>
    problem(409, 'TENDER_CANCELLED', `tender ${tenderId} was cancelled: it takes no bids`),
  tenderWithoutOpeningKey: (tenderId: string) =>
    problem(409, 'TENDER_NOT_OPEN_FOR_BIDS', `tender ${tenderId} has no opening key to seal bids to`),
  lotNotFound: (lotId: string) =>
    problem(404, 'LOT_NOT_FOUND', `the tender has no lot ${lotId}`, { field: 'path.lotId' }),
  /** `receivedAt`, when the request was one: the server's time that decided (docs/capacity.md P1). */
  deadlinePassed: (deadline: string, receivedAt?: string) =>
    problem(409, 'DEADLINE_PASSED', `the submission deadline ${deadline} has passed`, {
      extra: { deadline, ...(receivedAt ? { receivedAt } : {}) },
    }),
  envelopeNotUploaded: (at = 'body') =>
    problem(409, 'ENVELOPE_NOT_UPLOADED', 'nothing was uploaded for this uploadId', {
      field: `${at}.uploadId`,
    }),
  envelopeTooLarge: (size: number, limit: number) =>
    problem(422, 'ENVELOPE_TOO_LARGE', `the envelope has ${size} bytes; at most ${limit} are accepted`),
  checksumMissing: (at = 'body') =>
    problem(
      422,
      'ENVELOPE_CHECKSUM_MISSING',
      'the stored envelope has no SHA-256 checksum: upload it with the headers of the upload ticket',
      { field: `${at}.uploadId` },
    ),
  checksumMismatch: (stored: string, at = 'body') =>
    problem(
      422,
      'ENVELOPE_CHECKSUM_MISMATCH',
      `the stored envelope's SHA-256 is ${stored}, not the signed envelopeSha256`,
      { field: `${at}.envelopeSha256` },
    ),
  financialEnvelopeRequired: () =>
    problem(422, 'FINANCIAL_ENVELOPE_REQUIRED', 'a two-envelope tender: commit the financial envelope too', {
      field: 'body.financial',
    }),
  financialEnvelopeNotExpected: () =>
    problem(422, 'FINANCIAL_ENVELOPE_NOT_EXPECTED', 'a one-envelope tender has no financial envelope', {
      field: 'body.financial',
    }),
  signingKeyUnknown: (keyId: string) =>
    problem(422, 'SIGNING_KEY_UNKNOWN', `the contractor has no signing key ${keyId}`, {
      field: 'body.signingKeyId',
    }),
  signingKeyRetired: (keyId: string, at: string | undefined) =>
    problem(
      422,
      'SIGNING_KEY_RETIRED',
      `signing key ${keyId} was retired at ${at}: it signs no new submission`,
      {
        field: 'body.signingKeyId',
      },
    ),
  signatureInvalid: (at = 'body') =>
    problem(
      422,
      'SIGNATURE_INVALID',
      'the signature does not verify over (tender, lot, contractor, envelopeSha256) with the named key',
      { field: `${at}.signature` },
    ),
  idempotencyKeyMissing: () =>
    problem(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'send an Idempotency-Key header (1-255 visible ASCII characters)',
      {
        field: 'header.idempotency-key',
      },
    ),
  idempotencyKeyReused: () =>
    problem(409, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', {
      field: 'header.idempotency-key',
    }),
  activeBidExists: (bidId: string) =>
    problem(
      409,
      'ACTIVE_BID_EXISTS',
      `you already have active bid ${bidId} on this lot: name it in replaces`,
      {
        field: 'body.replaces',
        extra: { activeBidId: bidId },
      },
    ),
  replacedBidNotActive: (bidId: string) =>
    problem(409, 'REPLACED_BID_NOT_ACTIVE', `bid ${bidId} is not your active bid on this lot`, {
      field: 'body.replaces',
    }),
  bidNotFound: (bidId: string) => problem(404, 'BID_NOT_FOUND', `you have no bid ${bidId} on this lot`),
  bidNotActive: (bidId: string, status: string) =>
    problem(409, 'BID_NOT_ACTIVE', `bid ${bidId} is ${status}`, { extra: { status } }),
  concurrentChange: () =>
    problem(
      409,
      'CONCURRENT_SUBMISSION',
      'your bid on this lot changed while this request ran: read it and retry',
    ),
  // Elsewhere a transaction conflict is a 409 (shared/http/domain-problem.ts); a bid commit is
  // idempotent under its Idempotency-Key, so its client is told to send the same request again.
  transactionConflict: () =>
    new Unavailable(
      'TRY_AGAIN',
      'a transient failure interrupted this request: retry with the same request',
      1,
    ),
  sealedUntilDeadline: (deadline: string) =>
    problem(403, 'BIDS_SEALED', `bids are sealed until the submission deadline ${deadline}`),
};

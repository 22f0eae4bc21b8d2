// Bid submission over HTTP: what contractors send and get back. Nothing here carries plaintext:
// the server only ever sees the sealed envelope's size, hash and the contractor's signature.
import * as z from 'zod';
import { SigningKeyId } from '../parties/signing-key-schemas.ts';
import { BidReceipt } from '../receipts/receipt.ts';
import { Id, Instant, PageQuery } from '../schemas/common.ts';
import { Sha256Input } from '../tenders/document-schemas.ts';
import { Sha256Hex } from '../tenders/tender-schemas.ts';

export const LotParams = z.strictObject({ tenderId: Id, lotId: Id });
export const BidParams = LotParams.extend({ bidId: Id });

export const BidUploadRequest = z.strictObject({
  /** Exact length of the sealed envelope (the sealing library knows it before sealing). */
  size: z.number().int('must be a whole number of bytes').positive(),
  /** SHA-256 of the whole sealed envelope, hex or base64. */
  sha256: Sha256Input,
});

export const BidUploadTicket = z.object({
  uploadId: Id,
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  /** Send these headers exactly, with a Content-Length of `size`: they are signed. */
  headers: z.record(z.string(), z.string()),
  size: z.number().int().positive(),
  sha256: Sha256Hex,
  /** No later than the submission deadline. */
  expiresAt: Instant,
});

/** ECDSA P-256 (IEEE P1363, base64url) over the submission statement. */
const SubmissionSignature = z
  .string()
  .regex(/^[A-Za-z0-9_-]{86}$/, 'must be a base64url P1363 ECDSA P-256 signature (64 bytes)');

export const BidCommitRequest = z.strictObject({
  uploadId: Id,
  /** What the contractor signed: SHA-256 of the uploaded envelope. */
  envelopeSha256: Sha256Input,
  signature: SubmissionSignature,
  signingKeyId: SigningKeyId,
  /**
   * Two-envelope tenders only: the financial envelope, uploaded apart, sealed and signed for the
   * lot `<lotId>:financial` (shared/opening/two-envelope.ts); it opens only after technical approval.
   */
  financial: z
    .strictObject({ uploadId: Id, envelopeSha256: Sha256Input, signature: SubmissionSignature })
    .optional(),
  /** The active bid this one replaces; required when there is one, so nothing is replaced by accident. */
  replaces: Id.optional(),
});

export const BidConfirmationRequest = z.strictObject({
  /** The tender's current revision, which the bid is confirmed to answer. */
  tenderRevision: z.number().int().positive(),
  /** Over the confirmation statement (shared/sealing/confirmation.ts) of this bid and revision. */
  signature: SubmissionSignature,
  signingKeyId: SigningKeyId,
});

/** Whether the bid answers the tender as amended (shared/bids/confirmation-rule.ts). */
export const BidConfirmationState = z.object({
  /** True: an amendment came after this bid; confirm it on the current revision or replace it. */
  required: z.boolean(),
  placedOnRevision: z.number().int().positive().optional(),
  confirmedRevision: z.number().int().positive().optional(),
  confirmedAt: Instant.optional(),
  /** The first revision bids must answer (the amendment's); absent when no amendment asked. */
  requiredSinceRevision: z.number().int().positive().optional(),
  /** The revision to sign in a confirmation. */
  currentRevision: z.number().int().positive().optional(),
});

export const BidStatus = z.enum(['active', 'superseded', 'withdrawn']);

export const BidVersionView = z.object({
  bidId: Id,
  tenderId: Id,
  lotId: Id,
  contractorId: Id,
  version: z.number().int().positive(),
  status: BidStatus,
  envelopeSha256: Sha256Hex,
  envelopeSize: z.number().int().positive(),
  signingKeyId: z.string(),
  receivedAt: Instant,
  financial: z.object({ envelopeSha256: Sha256Hex, envelopeSize: z.number().int().positive() }).optional(),
  withdrawnAt: Instant.optional(),
  supersededBy: Id.optional(),
  receipt: BidReceipt,
  withdrawalReceipt: BidReceipt.optional(),
  confirmation: BidConfirmationState,
  /** The latest confirmation's receipt. */
  confirmationReceipt: BidReceipt.optional(),
});

export const BidActionResult = z.object({ receipt: BidReceipt, bid: BidVersionView });

export const OwnBidsQuery = PageQuery.extend({ tenderId: Id.optional() });

/**
 * What the procuring entity may see once the deadline has passed: no content, only what was
 * received, under each bidder's pseudonym; the opening minutes name the contractor of each.
 */
export const ReceivedBid = z.object({
  bidId: Id,
  lotId: Id,
  bidderRef: z.string(),
  version: z.number().int().positive(),
  receivedAt: Instant,
  envelopeSha256: Sha256Hex,
  envelopeSize: z.number().int().positive(),
});

export type BidVersionView = z.infer<typeof BidVersionView>;

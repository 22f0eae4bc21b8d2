// The opening minutes as published: one signed JSON document per opening (one envelope, or the
// technical and then the financial part of two). Declared once for the opener, the public route's
// OpenAPI document and verifiers.
import * as z from 'zod';
import { EnvelopeProcedure } from '../tenders/tender-schemas.ts';
import { OpeningPhase } from './messages.ts';
import { BidSecurity, DiscountOffer } from './price-form.ts';

export const MINUTES_FORMAT = 'eproc-opening-minutes-v1';

const Document = z.object({ name: z.string(), contentType: z.string(), size: z.number().int() });

export const MinutesBid = z.object({
  bidId: z.string(),
  version: z.number().int(),
  lotId: z.string(),
  /** The pseudonym the bid was stored and logged under before the opening (audit events' actor). */
  bidderRef: z.string(),
  contractorId: z.string(),
  contractorName: z.string().optional(),
  receivedAt: z.string(),
  envelopeSha256: z.string(),
  /** Absent from technical minutes: the price is in the financial envelope. */
  price: z.object({ amount: z.string(), currency: z.string() }).optional(),
  discount: DiscountOffer.nullable().optional(),
  /** Absent from financial minutes. */
  bidSecurity: BidSecurity.optional(),
  validityDays: z.number().int().optional(),
  /** From the sealed manifest; the documents themselves were not read. */
  documents: z.array(Document),
});

export const MinutesInvalidBid = z.object({
  bidId: z.string(),
  version: z.number().int(),
  lotId: z.string(),
  bidderRef: z.string(),
  /** Absent only when the bid's sealed identity did not open (reason IDENTITY_UNREADABLE). */
  contractorId: z.string().optional(),
  contractorName: z.string().optional(),
  receivedAt: z.string().optional(),
  reason: z.object({ code: z.string(), detail: z.string() }),
});

/**
 * A bid placed before an amendment of what bidders answer to, and neither confirmed on that
 * revision or later nor replaced (shared/bids/confirmation-rule.ts): named, never opened (its
 * envelope was not read), and not counted among the lot's valid or invalid bids.
 */
export const MinutesUnconfirmedBid = z.object({
  bidId: z.string(),
  version: z.number().int(),
  lotId: z.string(),
  bidderRef: z.string(),
  contractorId: z.string().optional(),
  contractorName: z.string().optional(),
  receivedAt: z.string().optional(),
  /** The revision it was placed on; null when the bid predates recorded revisions. */
  placedOnRevision: z.number().int().nullable(),
  /** A confirmation of an earlier revision than required, if any. */
  confirmedRevision: z.number().int().nullable(),
  /** The amendment's revision it had to answer. */
  requiredRevision: z.number().int(),
});

/**
 * A bid version stored before the deadline, with the audit events that logged it: until the
 * opening those events named their tender only through `tenderCommitment` (shared/tlog), which
 * recomputes from (tenderId, lotId, bidId, salt). Every version is listed, replaced and withdrawn
 * ones too, so the log's bid entries of the tender can all be tied to it (and counted) now.
 */
export const MinutesBidEvents = z.object({
  bidId: z.string(),
  version: z.number().int(),
  lotId: z.string(),
  bidderRef: z.string(),
  /** base64url, 32 bytes. */
  salt: z.string(),
  /** The submission (or replacement) event, its confirmations, then the withdrawal if withdrawn. */
  eventIds: z.array(z.string()),
});

export const MinutesLot = z.object({
  lotId: z.string(),
  title: z.string(),
  validBids: z.number().int(),
  invalidBids: z.number().int(),
  /** Bids not confirmed after an amendment; absent from minutes made before confirmations existed. */
  unconfirmedBids: z.number().int().optional(),
  /** unsuccessful: fewer valid bids than the tender's minBids. */
  outcome: z.enum(['opened', 'unsuccessful']),
});

export const AuditCheckpointCitation = z.object({
  size: z.number().int(),
  rootHash: z.string(),
  at: z.string(),
  /** The signed note (c2sp.org/tlog-checkpoint) as stored in the log bucket. */
  note: z.string(),
});

export const Minutes = z.object({
  format: z.literal(MINUTES_FORMAT),
  tenderId: z.string(),
  title: z.string(),
  buyer: z.string(),
  buyerName: z.string(),
  phase: OpeningPhase,
  envelopeProcedure: EnvelopeProcedure,
  submissionDeadline: z.string(),
  /** The server's clock when this opening began: never before the deadline. */
  openedAt: z.string(),
  /** Thumbprint of the tender's opening key; null when there were no bids to open. */
  openingKeyId: z.string().nullable(),
  currency: z.string(),
  minBids: z.number().int(),
  lots: z.array(MinutesLot),
  bids: z.array(MinutesBid),
  invalidBids: z.array(MinutesInvalidBid),
  /** Not confirmed after an amendment, not opened; absent from minutes made before this existed. */
  unconfirmedBids: z.array(MinutesUnconfirmedBid).optional(),
  outcome: z.enum(['opened', 'unsuccessful']),
  /**
   * Every bid version and its audit events, ordered by bidId. In the minutes made at the deadline
   * (phase single or technical); absent from financial minutes, which add no bid events.
   */
  bidEvents: z.array(MinutesBidEvents).optional(),
  /**
   * The latest signed audit-log checkpoint when the minutes were made (shared/audit-log), so the
   * minutes are anchored in the log; null if the log had none.
   */
  auditCheckpoint: AuditCheckpointCitation.nullable(),
});

export const MinutesSignature = z.object({
  algorithm: z.literal('ECDSA_SHA_256'),
  encoding: z.literal('DER'),
  /** What was signed (KMS Sign, RAW): RFC 8785 JSON of this statement. */
  statement: z.object({
    statement: z.literal(MINUTES_FORMAT),
    tenderId: z.string(),
    phase: OpeningPhase,
    /** Hex SHA-256 of the RFC 8785 JSON of `minutes`. */
    minutesSha256: z.string(),
  }),
  value: z.string().meta({ description: 'base64 DER ECDSA signature' }),
  /** base64 SPKI of the log key (KMS key `log`); pin it rather than trust this copy. */
  publicKey: z.string(),
});

export const SignedMinutes = z.object({ minutes: Minutes, signature: MinutesSignature });

export type Minutes = z.infer<typeof Minutes>;
export type MinutesBid = z.infer<typeof MinutesBid>;
export type MinutesInvalidBid = z.infer<typeof MinutesInvalidBid>;
export type MinutesUnconfirmedBid = z.infer<typeof MinutesUnconfirmedBid>;
export type MinutesBidEvents = z.infer<typeof MinutesBidEvents>;
export type SignedMinutes = z.infer<typeof SignedMinutes>;
export type AuditCheckpointCitation = z.infer<typeof AuditCheckpointCitation>;

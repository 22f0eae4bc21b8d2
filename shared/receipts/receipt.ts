// A bid receipt: what the platform signs for a contractor when it accepts a bid, a replacement or
// a withdrawal. The signed bytes are the RFC 8785 JSON of every member except `signature`, so any
// language can rebuild them. `eventId` names the audit event the log promises to integrate by
// `integratedBy`; the offline audit verifier finds the entry by it (shared/tlog/receipts.ts).
import * as z from 'zod';
import { canonicalBytes } from '../canonical/canonical-json.ts';
import { Id, Instant } from '../schemas/common.ts';

export const RECEIPT_FORMAT = 'eproc-bid-receipt-v1';
/** KMS Sign with ECDSA_SHA_256 over the raw message returns a DER-encoded signature. */
export const RECEIPT_ALGORITHM = 'ECDSA-P256-SHA256-DER';

export const ReceiptAction = z.enum(['bid.submitted', 'bid.replaced', 'bid.withdrawn', 'bid.confirmed']);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding');

export const ReceiptBody = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  algorithm: z.literal(RECEIPT_ALGORITHM),
  /** RFC 7638 thumbprint of the receipts public key (GET /receipts/public-key). */
  keyId: Base64Url,
  action: ReceiptAction,
  tenderId: Id,
  lotId: Id,
  contractorId: Id,
  bidId: Id,
  version: z.number().int().positive(),
  /** SHA-256 of the sealed envelope the contractor signed (for a withdrawal: of the withdrawn bid). */
  envelopeSha256: Sha256Hex,
  /** Two-envelope tenders: SHA-256 of the financial envelope. */
  financialEnvelopeSha256: Sha256Hex.optional(),
  /** The bid a replacement supersedes. */
  replaces: Id.optional(),
  /** A confirmation: the tender revision the bid was confirmed to answer. */
  tenderRevision: z.number().int().positive().optional(),
  /** The server's clock when it accepted the action: the only time that decides lateness. */
  receivedAt: Instant,
  eventId: Id,
  integratedBy: Instant,
});

export const BidReceipt = ReceiptBody.extend({
  /** base64url of the DER ECDSA signature over receiptSigningBytes. */
  signature: Base64Url,
});

export type ReceiptBody = z.infer<typeof ReceiptBody>;
export type BidReceipt = z.infer<typeof BidReceipt>;

/** The exact bytes signed: canonical JSON of the receipt without its signature. */
export function receiptSigningBytes(receipt: ReceiptBody | BidReceipt): Uint8Array {
  const { signature: _signature, ...body } = receipt as BidReceipt;
  return canonicalBytes(body);
}

export const ReceiptPublicKeyView = z.object({
  algorithm: z.literal(RECEIPT_ALGORITHM),
  keyId: Base64Url,
  /** SubjectPublicKeyInfo, PEM. */
  pem: z.string(),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
});

export type ReceiptPublicKeyView = z.infer<typeof ReceiptPublicKeyView>;

// A bid receipt: what the platform signs for a contractor when it accepts a bid, a replacement or
// a withdrawal. Two formats (their signed bytes: receipt-bytes.ts), both verified by verify-receipt.ts:
//   - v1, one KMS signature per receipt: the signed bytes are the RFC 8785 JSON of every member
//     except `signature`, so any language can rebuild them;
//   - v2, signed in batches (docs/capacity.md P1): the body (every member except `batch` and
//     `proof`) is one leaf, SHA-256(0x00 ‖ RFC 8785 JSON), of a batch's RFC 9162 Merkle tree; KMS
//     signs the batch statement (window, slot, size, root, sealedAt) once for all its receipts,
//     and `proof` leads from the leaf to the root.
// `eventId` names the audit event the log promises to integrate by `integratedBy`; the offline
// audit verifier finds the entry by it (shared/tlog/receipts.ts).
import * as z from 'zod';
import { Id, Instant } from '../schemas/common.ts';

export const RECEIPT_FORMAT = 'eproc-bid-receipt-v1';
export const BATCHED_RECEIPT_FORMAT = 'eproc-bid-receipt-v2';
/** KMS Sign with ECDSA_SHA_256 over the raw message returns a DER-encoded signature. */
export const RECEIPT_ALGORITHM = 'ECDSA-P256-SHA256-DER';

export const ReceiptAction = z.enum(['bid.submitted', 'bid.replaced', 'bid.withdrawn', 'bid.confirmed']);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding');

const receiptFields = {
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
};

export const ReceiptBody = z.strictObject({ format: z.literal(RECEIPT_FORMAT), ...receiptFields });
export const BatchedReceiptBody = z.strictObject({
  format: z.literal(BATCHED_RECEIPT_FORMAT),
  ...receiptFields,
});

/** v1: one KMS signature over this receipt alone. */
export const SingleReceipt = ReceiptBody.extend({
  /** base64url of the DER ECDSA signature over receiptSigningBytes. */
  signature: Base64Url,
});

/** A standard (RFC 4648 §4, padded) base64 SHA-256 hash, as shared/tlog writes them. */
const Hash64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 SHA-256 hash');

/** `<window>-<slot>`: the window number (⌊ms ÷ window length⌋) and the slot in it. */
export const BatchId = z.string().regex(/^\d{1,16}-\d{1,3}$/, 'must be <window>-<slot>');

export const ReceiptBatch = z.strictObject({
  id: BatchId,
  /** How many receipts the batch holds (its tree size). */
  size: z.number().int().positive(),
  /** The batch's RFC 9162 Merkle tree hash, base64. */
  root: Hash64,
  sealedAt: Instant,
  /** base64url of the DER ECDSA signature over batchStatementBytes. */
  signature: Base64Url,
  keyId: Base64Url,
});

export const ReceiptProof = z.strictObject({
  /** The receipt's leaf index in its batch. */
  index: z.number().int().nonnegative(),
  /** RFC 9162 inclusion proof (PATH), base64 hashes from the leaf's sibling upward. */
  hashes: z.array(Hash64).max(64),
});

/** v2: one leaf of a batch KMS signed once (docs/capacity.md P1). */
export const BatchedReceipt = BatchedReceiptBody.extend({ batch: ReceiptBatch, proof: ReceiptProof });

export const BidReceipt = z.discriminatedUnion('format', [SingleReceipt, BatchedReceipt]);

export type ReceiptBody = z.infer<typeof ReceiptBody>;
export type BatchedReceiptBody = z.infer<typeof BatchedReceiptBody>;
export type SingleReceipt = z.infer<typeof SingleReceipt>;
export type BatchedReceipt = z.infer<typeof BatchedReceipt>;
export type ReceiptBatch = z.infer<typeof ReceiptBatch>;
export type ReceiptProof = z.infer<typeof ReceiptProof>;
export type BidReceipt = z.infer<typeof BidReceipt>;

export const ReceiptPublicKeyView = z.object({
  algorithm: z.literal(RECEIPT_ALGORITHM),
  keyId: Base64Url,
  /** SubjectPublicKeyInfo, PEM. */
  pem: z.string(),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
});

export type ReceiptPublicKeyView = z.infer<typeof ReceiptPublicKeyView>;

// The bytes a receipt's signature covers, in either format (receipt.ts describes both). No zod
// here: the portal's receipt check (portal/src/contractor/receipt-check.ts) needs only these.
import { canonicalBytes } from '../canonical/canonical-json.ts';
import type {
  BatchedReceipt,
  BatchedReceiptBody,
  ReceiptBatch,
  ReceiptBody,
  SingleReceipt,
} from './receipt.ts';

/** The first line of every batch statement: what the receipts key says when it signs a batch. */
export const BATCH_STATEMENT_LABEL = 'eproc/receipt-batch/v1';

/** v1: the exact bytes signed, canonical JSON of the receipt without its signature. */
export function receiptSigningBytes(receipt: ReceiptBody | SingleReceipt): Uint8Array {
  const { signature: _signature, ...body } = receipt as SingleReceipt;
  return canonicalBytes(body);
}

/** v2: the leaf's bytes, canonical JSON of the receipt without its batch and proof. */
export function receiptLeafBytes(receipt: BatchedReceiptBody | BatchedReceipt): Uint8Array {
  const { batch: _batch, proof: _proof, ...body } = receipt as BatchedReceipt;
  return canonicalBytes(body);
}

export function parseBatchId(id: string): { window: number; slot: number } {
  const [window, slot] = id.split('-').map(Number);
  return { window: window as number, slot: slot as number };
}

export const batchId = (window: number, slot: number): string => `${window}-${slot}`;

/**
 * v2: the bytes KMS signs for a whole batch, one line each (UTF-8, LF-terminated):
 * `eproc/receipt-batch/v1`, window, slot, size, root (base64), sealedAt.
 */
export function batchStatementBytes(batch: Omit<ReceiptBatch, 'signature' | 'keyId'>): Uint8Array {
  const { window, slot } = parseBatchId(batch.id);
  const lines = [BATCH_STATEMENT_LABEL, window, slot, batch.size, batch.root, batch.sealedAt];
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

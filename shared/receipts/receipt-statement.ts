// What a receipt's ECDSA signature must cover, for either format, so every verifier (node:crypto
// in verify-receipt.ts, WebCrypto in the portal's contractor pages) checks the same thing:
//   v1: the receipt's canonical JSON without its signature;
//   v2: the batch statement, once the leaf recomputed from the body folds up the RFC 9162
//       inclusion proof to the batch root the statement names.
// No key here: the caller checks the signature with the pinned receipts key, and that the
// receipt (and its batch) name that key.
import { equalBytes, fromBase64 } from '../tlog/bytes.ts';
import { leafHash } from '../tlog/hash.ts';
import { rootFromInclusionProof } from '../tlog/verify-proofs.ts';
import type { BidReceipt } from './receipt.ts';
import { batchStatementBytes, receiptLeafBytes, receiptSigningBytes } from './receipt-bytes.ts';

export type SignedMessage =
  | {
      readonly ok: true;
      readonly message: Uint8Array;
      /** base64url DER ECDSA signature. */
      readonly signature: string;
      /** Every key id the receipt names: all must be the pinned key's. */
      readonly keyIds: readonly string[];
      /** Said when the signature does not verify. */
      readonly mismatch: string;
    }
  | { readonly ok: false; readonly detail: string };

export function receiptSignedMessage(receipt: BidReceipt): SignedMessage {
  if (receipt.format === 'eproc-bid-receipt-v1') {
    return {
      ok: true,
      message: receiptSigningBytes(receipt),
      signature: receipt.signature,
      keyIds: [receipt.keyId],
      mismatch: 'the signature does not match the receipt',
    };
  }
  const { batch, proof } = receipt;
  const hashes = proof.hashes.map(fromBase64);
  const root = fromBase64(batch.root);
  const computed = hashes.every((h) => h !== undefined)
    ? rootFromInclusionProof(
        leafHash(receiptLeafBytes(receipt)),
        proof.index,
        batch.size,
        hashes as Uint8Array[],
      )
    : undefined;
  if (!root || !computed || !equalBytes(computed, root)) {
    return {
      ok: false,
      detail: `the receipt is not leaf ${proof.index} of batch ${batch.id}: its proof does not lead to the batch root`,
    };
  }
  return {
    ok: true,
    message: batchStatementBytes(batch),
    signature: batch.signature,
    keyIds: [receipt.keyId, batch.keyId],
    mismatch: `the signature of batch ${batch.id} does not match its statement`,
  };
}

// Signs receipts with the KMS receipts key (ECDSA P-256, message type RAW: KMS hashes it): in
// batches (receipt-batcher.ts, format v2) when RECEIPT_BATCH_WINDOW_MS is set, else one Sign per
// receipt (format v1). The commit, replacement, withdrawal and confirmation all come through here.
import { SignCommand } from '@aws-sdk/client-kms';
import { resources, settings } from '../config/settings.ts';
import { toBase64Url } from '../sealing/index.ts';
import { kms } from './kms.ts';
import {
  BATCHED_RECEIPT_FORMAT,
  type BidReceipt,
  RECEIPT_ALGORITHM,
  RECEIPT_FORMAT,
  type ReceiptBody,
} from './receipt.ts';
import { receiptBatcher } from './receipt-batcher.ts';
import { receiptSigningBytes } from './receipt-bytes.ts';
import { receiptPublicKey } from './receipt-key.ts';

export type ReceiptFields = Omit<ReceiptBody, 'format' | 'algorithm' | 'keyId' | 'integratedBy'>;

/** The audit log promises to have integrated an event this long after it happened. */
export const integratedBy = (receivedAt: string): string =>
  new Date(Date.parse(receivedAt) + settings.MAX_INTEGRATION_DELAY_SECONDS * 1000).toISOString();

/** One KMS Sign with the receipts key: the DER signature. */
export async function kmsSign(message: Uint8Array): Promise<Uint8Array> {
  const signed = await kms.send(
    new SignCommand({
      KeyId: resources.keyId('receipts'),
      Message: message,
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    }),
  );
  if (!signed.Signature) throw new Error('KMS returned no signature for a receipt');
  return signed.Signature;
}

export interface ReceiptSigner {
  sign(fields: ReceiptFields): Promise<BidReceipt>;
}

/** One Sign per receipt (format v1). */
export function singleReceiptSigner(
  sign: (message: Uint8Array) => Promise<Uint8Array> = kmsSign,
): ReceiptSigner {
  return {
    async sign(fields) {
      const { keyId } = await receiptPublicKey();
      const body: ReceiptBody = {
        format: RECEIPT_FORMAT,
        algorithm: RECEIPT_ALGORITHM,
        keyId,
        ...fields,
        integratedBy: integratedBy(fields.receivedAt),
      };
      return { ...body, signature: toBase64Url(await sign(receiptSigningBytes(body))) };
    },
  };
}

/** One Sign per batch of receipts (format v2): windowMs and slots as RECEIPT_BATCH_* say. */
export function batchedReceiptSigner(
  options: {
    windowMs?: number;
    slots?: number;
    sign?: (message: Uint8Array) => Promise<Uint8Array>;
    takeoverMs?: number;
  } = {},
): ReceiptSigner {
  const batcher = receiptBatcher({
    table: resources.table('receiptBatches'),
    windowMs: options.windowMs ?? settings.RECEIPT_BATCH_WINDOW_MS,
    slots: options.slots ?? settings.RECEIPT_BATCH_SLOTS,
    sign: options.sign ?? kmsSign,
    keyId: async () => (await receiptPublicKey()).keyId,
    ...(options.takeoverMs !== undefined ? { takeoverMs: options.takeoverMs } : {}),
  });
  return {
    async sign(fields) {
      const { keyId } = await receiptPublicKey();
      return batcher.sign({
        format: BATCHED_RECEIPT_FORMAT,
        algorithm: RECEIPT_ALGORITHM,
        keyId,
        ...fields,
        integratedBy: integratedBy(fields.receivedAt),
      });
    },
  };
}

// One signer per batches table (one in a deployed function; a test process may see several clouds).
const configured = new Map<string, ReceiptSigner>();

/** The receipt for an accepted action, signed as this stage's settings say. */
export function signReceipt(fields: ReceiptFields): Promise<BidReceipt> {
  const table = resources.table('receiptBatches');
  let signer = configured.get(table);
  if (!signer) {
    signer = settings.RECEIPT_BATCH_WINDOW_MS > 0 ? batchedReceiptSigner() : singleReceiptSigner();
    configured.set(table, signer);
  }
  return signer.sign(fields);
}

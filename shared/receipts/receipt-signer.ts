// Signs receipts with the KMS receipts key (ECDSA P-256, message type RAW: KMS hashes it).
import { SignCommand } from '@aws-sdk/client-kms';
import { resources, settings } from '../config/settings.ts';
import { toBase64Url } from '../sealing/index.ts';
import { kms } from './kms.ts';
import {
  type BidReceipt,
  RECEIPT_ALGORITHM,
  RECEIPT_FORMAT,
  type ReceiptBody,
  receiptSigningBytes,
} from './receipt.ts';
import { receiptPublicKey } from './receipt-key.ts';

export type ReceiptFields = Omit<ReceiptBody, 'format' | 'algorithm' | 'keyId' | 'integratedBy'>;

/** The audit log promises to have integrated an event this long after it happened. */
export const integratedBy = (receivedAt: string): string =>
  new Date(Date.parse(receivedAt) + settings.MAX_INTEGRATION_DELAY_SECONDS * 1000).toISOString();

export async function signReceipt(fields: ReceiptFields): Promise<BidReceipt> {
  const { keyId } = await receiptPublicKey();
  const body: ReceiptBody = {
    format: RECEIPT_FORMAT,
    algorithm: RECEIPT_ALGORITHM,
    keyId,
    ...fields,
    integratedBy: integratedBy(fields.receivedAt),
  };
  const signed = await kms.send(
    new SignCommand({
      KeyId: resources.keyId('receipts'),
      Message: receiptSigningBytes(body),
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    }),
  );
  if (!signed.Signature) throw new Error('KMS returned no signature for a receipt');
  return { ...body, signature: toBase64Url(signed.Signature) };
}

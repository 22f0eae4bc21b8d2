// The receipts signing key's public half, read once per execution environment from KMS (the
// private half never leaves KMS). Its RFC 7638 thumbprint is the keyId every receipt carries.
import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { resources } from '../config/settings.ts';
import { cachedPerKey } from '../platform/cached-per-key.ts';
import { jwkThumbprint } from '../sealing/index.ts';
import { checkP256PublicJwk } from '../sealing/jwk.ts';
import { kms } from './kms.ts';
import { RECEIPT_ALGORITHM, type ReceiptPublicKeyView } from './receipt.ts';

const load = cachedPerKey(async (keyId): Promise<ReceiptPublicKeyView> => {
  const result = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!result.PublicKey) throw new Error('KMS returned no public key for the receipts key');
  const key = createPublicKey({ key: Buffer.from(result.PublicKey), format: 'der', type: 'spki' });
  const jwk = checkP256PublicJwk(key.export({ format: 'jwk' }));
  return {
    algorithm: RECEIPT_ALGORITHM,
    keyId: await jwkThumbprint(jwk),
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    jwk,
  };
});

export function receiptPublicKey(): Promise<ReceiptPublicKeyView> {
  return load(resources.keyId('receipts'));
}

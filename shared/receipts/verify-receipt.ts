// Offline receipt verification, for contractors and anyone they show a receipt to: needs only the
// receipt and the receipts public key pinned beforehand (PEM or JWK), no network. The one verifier
// of both formats: `eproc bid verify-receipt`, the audit bundle's receipt check and the portal (in
// the browser node:crypto is portal/src/verify/worker/node-crypto.ts).
// What the signature covers, per format, is receipt-statement.ts's.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { fromBase64Url, jwkThumbprint } from '../sealing/index.ts';
import { checkP256PublicJwk } from '../sealing/jwk.ts';
import { type BidReceipt, BidReceipt as BidReceiptSchema } from './receipt.ts';
import { receiptSignedMessage } from './receipt-statement.ts';

export type ReceiptFailure = 'malformed-receipt' | 'bad-public-key' | 'key-mismatch' | 'bad-signature';

export type ReceiptVerification =
  | { readonly ok: true; readonly receipt: BidReceipt; readonly keyId: string }
  | { readonly ok: false; readonly reason: ReceiptFailure; readonly detail: string };

/** PEM (SubjectPublicKeyInfo) or JWK text, as saved from GET /receipts/public-key. */
export function parseReceiptPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: pickJwk(JSON.parse(trimmed)), format: 'jwk' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('the receipts public key must be an ECDSA P-256 key');
  }
  return key;
}

/** Accepts a bare JWK or the whole GET /receipts/public-key answer. */
function pickJwk(value: unknown): Record<string, string> {
  const candidate = (value as { jwk?: unknown })?.jwk ?? value;
  return { ...checkP256PublicJwk(candidate) };
}

export async function verifyReceipt(
  receipt: unknown,
  pinnedKey: string | KeyObject,
): Promise<ReceiptVerification> {
  const parsed = BidReceiptSchema.safeParse(receipt);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(receipt)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: 'malformed-receipt', detail };
  }
  let key: KeyObject;
  let keyId: string;
  try {
    key = typeof pinnedKey === 'string' ? parseReceiptPublicKey(pinnedKey) : pinnedKey;
    keyId = await jwkThumbprint(checkP256PublicJwk(key.export({ format: 'jwk' })));
  } catch (error) {
    return { ok: false, reason: 'bad-public-key', detail: (error as Error).message };
  }
  const signed = receiptSignedMessage(parsed.data);
  const named = signed.ok ? signed.keyIds : [parsed.data.keyId];
  const other = named.find((id) => id !== keyId);
  if (other !== undefined) {
    return {
      ok: false,
      reason: 'key-mismatch',
      detail: `the receipt names key ${other}, the pinned key is ${keyId}`,
    };
  }
  if (!signed.ok) return { ok: false, reason: 'bad-signature', detail: signed.detail };
  if (!signedBy(key, signed.message, signed.signature)) {
    return { ok: false, reason: 'bad-signature', detail: signed.mismatch };
  }
  return { ok: true, receipt: parsed.data, keyId };
}

function signedBy(key: KeyObject, message: Uint8Array, signature: string): boolean {
  try {
    return verify('sha256', message, { key, dsaEncoding: 'der' }, fromBase64Url(signature));
  } catch {
    return false;
  }
}

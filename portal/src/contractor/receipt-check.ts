// Checks a bid receipt in the browser with WebCrypto, as the CLI's `eproc bid verify-receipt`
// (shared/receipts/verify-receipt.ts) does, both formats: the receipts key's RFC 7638 thumbprint is
// every keyId the receipt names, the ECDSA P-256 signature (KMS signs DER, WebCrypto verifies IEEE
// P1363, hence the conversion) covers what shared/receipts/receipt-statement.ts says (v1: the
// receipt's RFC 8785 JSON but the signature; v2: the batch statement, once the receipt's leaf folds
// up its inclusion proof to the batch root), and the receipt names the bid the page shows. The
// outcome is a reason code the page translates; the key comes from GET /receipts/public-key.
import type { BidReceipt } from '../../../shared/receipts/receipt.ts';
import { receiptSignedMessage } from '../../../shared/receipts/receipt-statement.ts';
import { fromBase64Url } from '../../../shared/sealing/bytes.ts';
import { jwkThumbprint } from '../../../shared/sealing/jwk.ts';
import { derToP1363 } from './der-signature.ts';

/** What the receipt must name: the bid version it was issued for. */
export interface ExpectedReceipt {
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  readonly bidId: string;
  readonly envelopeSha256: string;
}

/** GET /receipts/public-key's answer, the part this check reads. */
export interface ReceiptKey {
  readonly keyId: string;
  readonly jwk: { readonly kty: string; readonly crv: string; readonly x: string; readonly y: string };
}

export type ReceiptFailure = 'wrong-bid' | 'key-mismatch' | 'bad-signature';
export type ReceiptCheck = { ok: true; keyId: string } | { ok: false; reason: ReceiptFailure };

const importKey = (key: ReceiptKey) =>
  crypto.subtle.importKey(
    'jwk',
    { kty: key.jwk.kty, crv: key.jwk.crv, x: key.jwk.x, y: key.jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );

export async function checkReceipt(
  /** Either format, as the API answered it. */
  receipt: unknown,
  key: ReceiptKey,
  expected: ExpectedReceipt,
): Promise<ReceiptCheck> {
  // The API's answer, typed by its schema; anything odd in it fails the checks below or throws.
  const given = receipt as BidReceipt;
  for (const field of ['tenderId', 'lotId', 'contractorId', 'bidId', 'envelopeSha256'] as const) {
    if (given?.[field] !== expected[field]) return { ok: false, reason: 'wrong-bid' };
  }
  const keyId = await jwkThumbprint({ kty: 'EC', crv: 'P-256', x: key.jwk.x, y: key.jwk.y });
  let signed: ReturnType<typeof receiptSignedMessage>;
  try {
    signed = receiptSignedMessage(given);
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  const named = signed.ok ? signed.keyIds : [given.keyId];
  if (keyId !== key.keyId || named.some((id) => id !== keyId)) return { ok: false, reason: 'key-mismatch' };
  if (!signed.ok) return { ok: false, reason: 'bad-signature' };
  try {
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      await importKey(key),
      derToP1363(fromBase64Url(signed.signature)),
      signed.message as Uint8Array<ArrayBuffer>,
    );
    return valid ? { ok: true, keyId } : { ok: false, reason: 'bad-signature' };
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
}

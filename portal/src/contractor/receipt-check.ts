// Checks a bid receipt in the browser with WebCrypto, as web/src/receipt-check.ts and the CLI's
// `eproc bid verify-receipt` (shared/receipts/verify-receipt.ts) do: the receipts key's RFC 7638
// thumbprint is the keyId the receipt names, the ECDSA P-256 signature (KMS signs DER, WebCrypto
// verifies IEEE P1363, hence the conversion) covers the RFC 8785 JSON of every member but the
// signature, and the receipt names the bid the page shows. The outcome is a reason code the page
// translates; the key comes from GET /receipts/public-key.
import { canonicalBytes } from '../../../shared/canonical/canonical-json.ts';
import { fromBase64Url } from '../../../shared/sealing/bytes.ts';
import { jwkThumbprint } from '../../../shared/sealing/jwk.ts';
import type { BidReceipt, ReceiptKey } from './api';
import { derToP1363 } from './der-signature.ts';

/** What the receipt must name: the bid version it was issued for. */
export interface ExpectedReceipt {
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  readonly bidId: string;
  readonly envelopeSha256: string;
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
  receipt: BidReceipt,
  key: ReceiptKey,
  expected: ExpectedReceipt,
): Promise<ReceiptCheck> {
  for (const field of ['tenderId', 'lotId', 'contractorId', 'bidId', 'envelopeSha256'] as const) {
    if (receipt[field] !== expected[field]) return { ok: false, reason: 'wrong-bid' };
  }
  const keyId = await jwkThumbprint({ kty: 'EC', crv: 'P-256', x: key.jwk.x, y: key.jwk.y });
  if (keyId !== key.keyId || receipt.keyId !== keyId) return { ok: false, reason: 'key-mismatch' };
  try {
    const { signature, ...body } = receipt;
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      await importKey(key),
      derToP1363(fromBase64Url(signature)),
      canonicalBytes(body) as Uint8Array<ArrayBuffer>,
    );
    return valid ? { ok: true, keyId } : { ok: false, reason: 'bad-signature' };
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
}

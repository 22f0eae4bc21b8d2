// Checks a bid receipt in the browser with WebCrypto: the platform's signature (KMS signs DER,
// WebCrypto verifies IEEE P1363, hence the conversion) and that it names what was submitted.
// The key comes from the same API; to check against a key pinned beforehand, use
// `eproc bid verify-receipt`.
import { canonicalBytes } from '../../shared/canonical/canonical-json.ts';
import { fromBase64Url, jwkThumbprint } from '../../shared/sealing/index.ts';
import type { BidReceipt, ReceiptKey } from './types.ts';

/** A DER ECDSA-Sig-Value (SEQUENCE of two INTEGERs) as the 64-byte r ‖ s WebCrypto expects. */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> {
  let at = 0;
  const byte = () => {
    const b = der[at++];
    if (b === undefined) throw new Error('the signature is cut short');
    return b;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    let value = 0;
    for (let n = first & 0x7f; n > 0; n--) value = (value << 8) | byte();
    return value;
  };
  if (byte() !== 0x30) throw new Error('the signature is not a DER sequence');
  if (length() !== der.length - at) throw new Error('the signature has a wrong length');
  const out = new Uint8Array(size * 2);
  for (const offset of [0, size]) {
    if (byte() !== 0x02) throw new Error('the signature does not hold two integers');
    const len = length();
    let value = der.subarray(at, at + len);
    at += len;
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new Error('a signature integer is too long');
    out.set(value, offset + size - value.length);
  }
  if (at !== der.length) throw new Error('the signature has trailing bytes');
  return out;
}

export interface ExpectedReceipt {
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
  readonly envelopeSha256: string;
}

export type ReceiptCheck = { ok: true; keyId: string } | { ok: false; reason: string };

export async function checkReceipt(
  receipt: BidReceipt,
  key: ReceiptKey,
  expected: ExpectedReceipt,
): Promise<ReceiptCheck> {
  for (const field of ['tenderId', 'lotId', 'contractorId', 'envelopeSha256'] as const) {
    if (receipt[field] !== expected[field]) {
      return {
        ok: false,
        reason: `biên nhận ghi ${field} = ${receipt[field]}, không phải ${expected[field]}`,
      };
    }
  }
  const keyId = await jwkThumbprint(key.jwk);
  if (keyId !== key.keyId || receipt.keyId !== keyId) {
    return { ok: false, reason: `biên nhận ký bằng khóa ${receipt.keyId}, khóa công bố là ${keyId}` };
  }
  try {
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { ...key.jwk, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const { signature, ...body } = receipt;
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      publicKey,
      derToP1363(fromBase64Url(signature)),
      canonicalBytes(body) as Uint8Array<ArrayBuffer>,
    );
    return valid ? { ok: true, keyId } : { ok: false, reason: 'chữ ký của biên nhận không khớp' };
  } catch (error) {
    return { ok: false, reason: `không kiểm tra được chữ ký: ${(error as Error).message}` };
  }
}

// Byte helpers shared by the log code. Decoding is strict because a lenient base64 decoder lets
// two different note texts carry the same hash, which defeats byte-exact signature checks. No
// Buffer: the portal runs the same verification in the browser (btoa/atob exist in both).

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const alphabetCodes = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 0x3d;

/**
 * Standard padded base64 of `bytes` written as ASCII codes into `out` from `at`; returns the end.
 * The verifier compares a recomputed hash with the one a bundle file records this way, byte for
 * byte, without making a string per entry.
 */
export function base64Into(bytes: Uint8Array, out: Uint8Array, at = 0): number {
  let o = at;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = alphabetCodes[n >>> 18] as number;
    out[o++] = alphabetCodes[(n >>> 12) & 63] as number;
    out[o++] = alphabetCodes[(n >>> 6) & 63] as number;
    out[o++] = alphabetCodes[n & 63] as number;
  }
  const left = bytes.length - i;
  if (left > 0) {
    const n = ((bytes[i] as number) << 16) | (left === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = alphabetCodes[n >>> 18] as number;
    out[o++] = alphabetCodes[(n >>> 12) & 63] as number;
    out[o++] = left === 2 ? (alphabetCodes[(n >>> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return o;
}

const smallOut = new Uint8Array(64);

export function toBase64(bytes: Uint8Array): string {
  // Hashes (32 bytes) are the common case: a table beats String.fromCharCode(...) and btoa.
  if (bytes.length <= 48) return String.fromCharCode(...smallOut.subarray(0, base64Into(bytes, smallOut)));
  let binary = '';
  for (let i = 0; i < bytes.byteLength; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Standard RFC 4648 §4 base64 with padding; returns undefined for anything non-canonical. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!base64Pattern.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Unused trailing bits must be zero, otherwise several strings decode to the same bytes.
  if (toBase64(bytes) !== text) return undefined;
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

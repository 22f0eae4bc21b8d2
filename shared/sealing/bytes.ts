// Byte helpers that work identically in browsers and Node without Buffer. Buffers handed to
// WebCrypto must be ArrayBuffer-backed (not SharedArrayBuffer), hence the explicit type.

export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Throws on invalid UTF-8 instead of substituting U+FFFD, so corrupt input is never silently "repaired". */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function concatBytes(parts: readonly Uint8Array[]): Bytes {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Copies into a fresh ArrayBuffer so callers can't mutate what we encrypt mid-flight. */
export function copyBytes(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function u16be(value: number): Bytes {
  return new Uint8Array([(value >>> 8) & 0xff, value & 0xff]);
}

export function writeU32be(target: Uint8Array, offset: number, value: number): void {
  target[offset] = (value >>> 24) & 0xff;
  target[offset + 1] = (value >>> 16) & 0xff;
  target[offset + 2] = (value >>> 8) & 0xff;
  target[offset + 3] = value & 0xff;
}

export function readU32be(source: Uint8Array, offset: number): number {
  return (
    (((source[offset] as number) << 24) |
      ((source[offset + 1] as number) << 16) |
      ((source[offset + 2] as number) << 8) |
      (source[offset + 3] as number)) >>>
    0
  );
}

/** Length-prefixed concatenation: no two different field lists encode to the same bytes. */
export function lengthPrefixed(fields: readonly Uint8Array[]): Bytes {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    if (field.length > 0xffff) throw new RangeError('length-prefixed field longer than 65535 bytes');
    parts.push(u16be(field.length), field);
  }
  return concatBytes(parts);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map<string, number>([...B64URL].map((c, i) => [c, i]));

/** RFC 4648 §5 base64url without padding, as JWK and JWS use. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += `${B64URL[n >>> 18]}${B64URL[(n >>> 12) & 63]}${B64URL[(n >>> 6) & 63]}${B64URL[n & 63]}`;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${B64URL[n >>> 18]}${B64URL[(n >>> 12) & 63]}`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${B64URL[n >>> 18]}${B64URL[(n >>> 12) & 63]}${B64URL[(n >>> 6) & 63]}`;
  }
  return out;
}

/**
 * Strict decoder: rejects padding, foreign characters and non-zero trailing bits, so each byte
 * string has exactly one accepted encoding (matters for values that are authenticated as text).
 */
export function fromBase64Url(text: string): Bytes {
  if (text.length % 4 === 1) throw new SyntaxError('invalid base64url length');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of text) {
    const v = B64URL_INDEX.get(c);
    if (v === undefined) throw new SyntaxError('invalid base64url character');
    acc = ((acc << 6) | v) & 0x3fff; // never more than 13 pending bits
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new SyntaxError('non-canonical base64url (trailing bits)');
  return out;
}

// Layout of a STREAM-sealed byte sequence (Hoang, Reyhanitabar, Rogaway, Vizár 2015, "Online
// Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", §7), instantiated like Tink's
// AES-GCM-HKDF streaming AEAD:
//
//   plaintext  = P_0 || P_1 || ... || P_{n-1}, |P_i| = chunkSize for i < n-1, 0 <= |P_{n-1}| <= chunkSize
//   ciphertext = C_0 || C_1 || ... || C_{n-1}, C_i = AES-256-GCM(key, nonce_i, AD, P_i) (ciphertext || 16-byte tag)
//   nonce_i    = prefix (7 bytes) || u32be(i) || (i == n-1 ? 0x01 : 0x00)
//
// The position in the nonce catches reordering, duplication and splicing; the final-chunk flag
// catches truncation at a chunk boundary and appended chunks. n >= 1: empty input still yields one
// (empty, final) chunk, so an empty ciphertext is never a valid stream.

import type { Bytes } from './bytes.ts';
import type { AeadKey } from './primitives.ts';

export const TAG_LENGTH = 16;
export const NONCE_PREFIX_LENGTH = 7;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
export const MAX_CHUNK_COUNT = 2 ** 32;

export interface StreamKey {
  /** AES-256-GCM key (SealingPrimitives.aeadKey). */
  readonly key: AeadKey;
  /** 7 bytes; must never repeat for the same key. */
  readonly noncePrefix: Bytes;
}

export function checkChunkSize(chunkSize: number): number {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunk size must be an integer in [1, ${MAX_CHUNK_SIZE}]`);
  }
  return chunkSize;
}

export function chunkNonce(prefix: Uint8Array, index: number, last: boolean): Bytes {
  if (prefix.length !== NONCE_PREFIX_LENGTH) throw new RangeError('nonce prefix must be 7 bytes');
  if (!Number.isInteger(index) || index < 0 || index >= MAX_CHUNK_COUNT) {
    throw new RangeError('chunk index out of range');
  }
  const nonce = new Uint8Array(12);
  nonce.set(prefix, 0);
  nonce[7] = index >>> 24;
  nonce[8] = (index >>> 16) & 0xff;
  nonce[9] = (index >>> 8) & 0xff;
  nonce[10] = index & 0xff;
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export function chunkCount(plaintextLength: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(plaintextLength / chunkSize));
}

export function sealedLength(plaintextLength: number, chunkSize: number): number {
  return plaintextLength + TAG_LENGTH * chunkCount(plaintextLength, chunkSize);
}

/** Inverse of sealedLength; undefined when no plaintext length seals to exactly this many bytes. */
export function plaintextLength(sealed: number, chunkSize: number): number | undefined {
  if (!Number.isSafeInteger(sealed) || sealed < TAG_LENGTH) return undefined;
  const unit = chunkSize + TAG_LENGTH;
  const fullUnits = Math.floor(sealed / unit);
  const rest = sealed - fullUnits * unit;
  if (rest === 0) return fullUnits * chunkSize;
  if (rest < TAG_LENGTH) return undefined;
  return fullUnits * chunkSize + rest - TAG_LENGTH;
}

// The cryptographic operations the envelope format is built from, behind one interface, so that
// the opener can run them on node:crypto while browsers keep WebCrypto.
//
// Why two: Node's WebCrypto runs every call as an asynchronous job on the thread pool and wraps
// every key, so a bid's ~25 small operations cost ~5 ms there against under 1 ms as direct calls
// (docs/capacity.md, open-many). The format does not change: both implementations must produce
// and accept exactly the same bytes (test/sealing/primitives.test.ts runs the envelope tests on
// both). This module stays platform-neutral; the node:crypto one is the opener's
// (shared/opening/node-sealing-primitives.ts).

import type { Bytes } from './bytes.ts';

/** An HMAC-SHA-256 key. */
export interface MacKey {
  sign(data: Bytes): Promise<Bytes>;
  /** Constant-time comparison; false for a tag of the wrong length. */
  verify(mac: Bytes, data: Bytes): Promise<boolean>;
}

/** An AES-256-GCM key with 12-byte nonces and 16-byte tags. */
export interface AeadKey {
  /** ciphertext ‖ tag */
  encrypt(iv: Bytes, associatedData: Bytes, plaintext: Bytes): Promise<Bytes>;
  /** undefined when the tag does not authenticate (never throws for bad ciphertext). */
  decrypt(iv: Bytes, associatedData: Bytes, sealed: Bytes): Promise<Bytes | undefined>;
}

/** A P-256 public key's coordinates, base64url (a P256PublicJwk is one). */
export interface P256Point {
  readonly x: string;
  readonly y: string;
}

/** ECDSA P-256 / SHA-256 over `message`; `signature` is 64 bytes, P1363 (r ‖ s). */
export type SignatureVerifier = (signature: Bytes, message: Bytes) => Promise<boolean>;

export interface SealingPrimitives {
  readonly name: string;
  sha256(data: Bytes): Promise<Bytes>;
  /**
   * The 32-byte x-coordinate of ECDH(privateKey, point). `privateKey` is a WebCrypto ECDH P-256
   * key (non-extractable is fine); `point` a 65-byte uncompressed SEC1 point. Rejects a point
   * that is not on the curve (the caller turns that into its own error).
   */
  ecdhP256(privateKey: CryptoKey, point: Bytes): Promise<Bytes>;
  hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length: number): Promise<Bytes>;
  macKey(raw: Bytes): Promise<MacKey>;
  /** `raw` is 32 bytes. */
  aeadKey(raw: Bytes): Promise<AeadKey>;
  /** Rejects a key that is not a P-256 point. */
  p256Verifier(publicKey: P256Point): Promise<SignatureVerifier>;
}

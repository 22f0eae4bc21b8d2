import { canonicalJson } from '../canonical/canonical-json.ts';
import { type Bytes, concatBytes, fromBase64Url, toBase64Url, utf8 } from './bytes.ts';
import { InvalidKeyError } from './errors.ts';
import type { SealingPrimitives } from './primitives.ts';
import { webCryptoPrimitives } from './web-primitives.ts';

/** Public P-256 key in JWK form (RFC 7518 §6.2.1); only the members that define the key. */
export interface P256PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

const COORDINATE_LENGTH = 32;

/** Rejects private keys and foreign curves; strips alg/use/key_ops so WebCrypto accepts any usage. */
export function checkP256PublicJwk(jwk: unknown): P256PublicJwk {
  if (typeof jwk !== 'object' || jwk === null) throw new InvalidKeyError('public key must be a JWK object');
  const { kty, crv, x, y, d } = jwk as Record<string, unknown>;
  if (d !== undefined) throw new InvalidKeyError('refusing a private JWK where a public key is expected');
  if (kty !== 'EC' || crv !== 'P-256') throw new InvalidKeyError('public key must be an EC P-256 JWK');
  if (typeof x !== 'string' || typeof y !== 'string') throw new InvalidKeyError('JWK lacks x or y');
  for (const coordinate of [x, y]) {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64Url(coordinate);
    } catch {
      throw new InvalidKeyError('JWK coordinate is not base64url');
    }
    if (bytes.length !== COORDINATE_LENGTH) throw new InvalidKeyError('JWK coordinate is not 32 bytes');
  }
  return { kty, crv, x, y };
}

/** Uncompressed SEC1 point (0x04 || X || Y), the "raw" WebCrypto format. */
export function jwkToRawPoint(jwk: P256PublicJwk): Bytes {
  return concatBytes([new Uint8Array([4]), fromBase64Url(jwk.x), fromBase64Url(jwk.y)]);
}

export function rawPointToJwk(raw: Uint8Array): P256PublicJwk {
  if (raw.length !== 1 + 2 * COORDINATE_LENGTH || raw[0] !== 4) {
    throw new InvalidKeyError('raw P-256 public key must be a 65-byte uncompressed point');
  }
  return {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64Url(raw.subarray(1, 33)),
    y: toBase64Url(raw.subarray(33)),
  };
}

/**
 * RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order with no
 * whitespace, which is exactly RFC 8785 canonical JSON of {crv, kty, x, y}.
 */
export async function jwkThumbprint(
  jwk: P256PublicJwk,
  primitives: SealingPrimitives = webCryptoPrimitives,
): Promise<string> {
  const { crv, kty, x, y } = checkP256PublicJwk(jwk);
  return toBase64Url(await primitives.sha256(utf8(canonicalJson({ crv, kty, x, y }))));
}

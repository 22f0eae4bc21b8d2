import { type Bytes, copyBytes, fromBase64Url, toBase64Url } from './bytes.ts';
import { InvalidKeyError } from './errors.ts';
import {
  checkP256PublicJwk,
  jwkThumbprint,
  jwkToRawPoint,
  type P256PublicJwk,
  rawPointToJwk,
} from './jwk.ts';

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** The tender's opening key pair: the public half is published, the private half is wrapped with KMS. */
export interface OpeningKeyPair {
  readonly publicKeyJwk: P256PublicJwk;
  /** base64url of the 65-byte uncompressed point; same key as publicKeyJwk. */
  readonly publicKeyRaw: string;
  /** RFC 7638 thumbprint; envelopes name the key they were sealed to by this id. */
  readonly keyId: string;
  /** PKCS #8 DER, ready for KMS Encrypt/GenerateDataKey-style wrapping. Zero it after wrapping. */
  readonly privateKeyPkcs8: Bytes;
}

export interface OpeningPublicKey {
  readonly key: CryptoKey;
  readonly jwk: P256PublicJwk;
  readonly raw: Bytes;
  readonly keyId: string;
}

export interface OpeningPrivateKey {
  /** Non-extractable ECDH key: once imported, the secret cannot be read back out of it. */
  readonly key: CryptoKey;
  readonly publicKey: OpeningPublicKey;
}

export async function generateOpeningKeyPair(): Promise<OpeningKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
  const [pkcs8, jwk] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
    crypto.subtle.exportKey('jwk', pair.publicKey),
  ]);
  const publicKeyJwk = checkP256PublicJwk(jwk);
  return {
    publicKeyJwk,
    publicKeyRaw: toBase64Url(jwkToRawPoint(publicKeyJwk)),
    keyId: await jwkThumbprint(publicKeyJwk),
    privateKeyPkcs8: new Uint8Array(pkcs8),
  };
}

/** Accepts the JWK, the raw point, or the raw point as base64url. WebCrypto checks it is on the curve. */
export async function importOpeningPublicKey(
  input: P256PublicJwk | Uint8Array | string,
): Promise<OpeningPublicKey> {
  let jwk: P256PublicJwk;
  if (typeof input === 'string') {
    let raw: Uint8Array;
    try {
      raw = fromBase64Url(input);
    } catch {
      throw new InvalidKeyError('raw public key is not base64url');
    }
    jwk = rawPointToJwk(raw);
  } else if (input instanceof Uint8Array) {
    jwk = rawPointToJwk(input);
  } else {
    jwk = checkP256PublicJwk(input);
  }
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDH_P256, true, []);
  } catch (cause) {
    throw new InvalidKeyError(`not a valid P-256 public key: ${(cause as Error).message}`);
  }
  return { key, jwk, raw: jwkToRawPoint(jwk), keyId: await jwkThumbprint(jwk) };
}

export async function importOpeningPrivateKey(pkcs8: Uint8Array): Promise<OpeningPrivateKey> {
  const der = copyBytes(pkcs8);
  try {
    // Imported twice: extractable once, only to recover the public point (PKCS #8 carries it),
    // then non-extractable for actual use.
    const extractable = await crypto.subtle.importKey('pkcs8', der, ECDH_P256, true, ['deriveBits']);
    const { d: _secret, ...publicPart } = await crypto.subtle.exportKey('jwk', extractable);
    const key = await crypto.subtle.importKey('pkcs8', der, ECDH_P256, false, ['deriveBits']);
    const publicKey = await importOpeningPublicKey(checkP256PublicJwk(publicPart));
    return { key, publicKey };
  } catch (cause) {
    if (cause instanceof InvalidKeyError) throw cause;
    throw new InvalidKeyError(`not a valid P-256 PKCS #8 private key: ${(cause as Error).message}`);
  } finally {
    der.fill(0);
  }
}

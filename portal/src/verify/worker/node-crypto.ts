// What shared/tlog and shared/receipts take from node:crypto, for the browser worker: SHA-256
// (@noble/hashes) and ECDSA P-256 public keys and DER signature checks (@noble/curves), all
// synchronous as the verifier is. The worker build resolves `node:crypto` here (vite-shims.ts);
// signing and private keys are never needed to verify, so those throw.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Buffer } from './buffer-global.ts';

type Bytes = Uint8Array;
type Input = string | Bytes;

const utf8 = new TextEncoder();
const bytesOf = (data: Input): Bytes => (typeof data === 'string' ? utf8.encode(data) : data);

function encode(digest: Bytes, encoding?: string): Buffer | string {
  const buffer = Buffer.from(digest);
  return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding as 'hex');
}

function checkAlgorithm(algorithm: string): void {
  if (algorithm.toLowerCase().replace('-', '') !== 'sha256')
    throw new TypeError(`only SHA-256 is available here, not ${algorithm}`);
}

export function hash(algorithm: string, data: Input, encoding?: string): Buffer | string {
  checkAlgorithm(algorithm);
  return encode(sha256(bytesOf(data)), encoding);
}

export function createHash(algorithm: string) {
  checkAlgorithm(algorithm);
  const state = sha256.create();
  const hasher = {
    update(data: Input) {
      state.update(bytesOf(data));
      return hasher;
    },
    digest: (encoding?: string) => encode(state.digest(), encoding),
  };
  return hasher;
}

// SubjectPublicKeyInfo of an uncompressed P-256 point: this DER prefix, then the 65-byte point.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export class KeyObject {
  readonly type = 'public';
  readonly asymmetricKeyType = 'ec';
  readonly asymmetricKeyDetails = { namedCurve: 'prime256v1' };
  /** The uncompressed point, checked to be on the curve. */
  readonly point: Bytes;

  constructor(point: Bytes) {
    this.point = p256.Point.fromBytes(point).toBytes(false);
  }

  export(options: {
    format: 'der' | 'pem' | 'jwk';
    type?: string;
  }): Buffer | string | Record<string, string> {
    const der = Buffer.concat([SPKI_PREFIX, Buffer.from(this.point)]);
    if (options.format === 'der') return der;
    if (options.format === 'pem') {
      const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
      return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
    }
    const coordinate = (from: number) =>
      Buffer.from(this.point.subarray(from, from + 32)).toString('base64url');
    return { kty: 'EC', crv: 'P-256', x: coordinate(1), y: coordinate(33) };
  }
}

function fromSpki(der: Bytes): KeyObject {
  const prefix = der.subarray(0, SPKI_PREFIX.length);
  if (der.length !== SPKI_PREFIX.length + 65 || !Buffer.from(prefix).equals(SPKI_PREFIX))
    throw new TypeError('expected an uncompressed ECDSA P-256 SubjectPublicKeyInfo');
  return new KeyObject(der.subarray(SPKI_PREFIX.length));
}

function fromPem(pem: string): KeyObject {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (!match) throw new TypeError('expected a PEM public key');
  return fromSpki(Buffer.from((match[1] as string).replace(/\s+/g, ''), 'base64'));
}

function fromJwk(jwk: Record<string, unknown>): KeyObject {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string')
    throw new TypeError('expected an ECDSA P-256 JWK');
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  if (x.length !== 32 || y.length !== 32) throw new TypeError('a P-256 coordinate is 32 bytes');
  return new KeyObject(Buffer.concat([Buffer.from([4]), x, y]));
}

type KeyInput = string | KeyObject | { key: unknown; format?: string; type?: string };

export function createPublicKey(input: KeyInput): KeyObject {
  if (input instanceof KeyObject) return input;
  if (typeof input === 'string') return fromPem(input);
  const { key, format } = input;
  if (format === 'jwk') return fromJwk(key as Record<string, unknown>);
  if (format === 'der' && key instanceof Uint8Array) return fromSpki(key);
  if (typeof key === 'string') return fromPem(key);
  throw new TypeError('unsupported public key input');
}

/** ECDSA P-256 over SHA-256 with a DER signature, as node:crypto's verify with dsaEncoding 'der'. */
export function verify(
  algorithm: string,
  data: Bytes,
  key: KeyObject | { key: KeyObject | string; dsaEncoding?: string },
  signature: Bytes,
): boolean {
  checkAlgorithm(algorithm);
  const options = key instanceof KeyObject ? { key, dsaEncoding: 'der' } : key;
  if (options.dsaEncoding !== undefined && options.dsaEncoding !== 'der')
    throw new TypeError('only DER signatures are checked here');
  const publicKey = createPublicKey(options.key);
  try {
    // OpenSSL accepts high-S signatures (KMS makes them), so the low-S rule stays off.
    return p256.verify(signature, data, publicKey.point, { format: 'der', lowS: false, prehash: true });
  } catch {
    return false;
  }
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(size)));
}

const unavailable = (what: string) => () => {
  throw new Error(`${what} is not available in the browser verifier`);
};
export const sign = unavailable('signing');
export const createPrivateKey = unavailable('a private key');

// SealingPrimitives on node:crypto, for the opener: the same operations and bytes as WebCrypto
// (shared/sealing/web-primitives.ts), as synchronous OpenSSL calls instead of thread-pool jobs.
//
// Every key goes to node:crypto as a KeyObject (or, for ECDH, through the ECDH class): given a
// Buffer or an options object, node:crypto first tries it as a KeyObject and a CryptoKey by
// catching a TypeError each time, and those two exceptions cost more than the operation itself
// (a profile of open-many: 2.7 ms of a bid's opening in them). Signatures are handed over as DER
// for the same reason (the `dsaEncoding` option needs an options object).
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  type ECDH,
  hkdfSync,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { type Bytes, copyBytes } from '../sealing/bytes.ts';
import { importOpeningPrivateKey, type OpeningPrivateKey } from '../sealing/opening-keys.ts';
import type {
  AeadKey,
  MacKey,
  P256Point,
  SealingPrimitives,
  SignatureVerifier,
} from '../sealing/primitives.ts';
import { webCryptoPrimitives } from '../sealing/web-primitives.ts';

const TAG_LENGTH = 16;
const SIGNATURE_HALF = 32;

// The opening key's node:crypto handle, made from the same PKCS #8 bytes as its CryptoKey (Node
// deprecates converting a non-extractable CryptoKey, DEP0204, and the CryptoKey stays one).
const ecdhHandles = new WeakMap<CryptoKey, ECDH>();

/** importOpeningPrivateKey, with the key also usable by nodeSealingPrimitives' ECDH. */
export async function importOpeningPrivateKeyForNode(pkcs8: Uint8Array): Promise<OpeningPrivateKey> {
  const key = await importOpeningPrivateKey(pkcs8);
  const der = Buffer.from(pkcs8);
  let d: Buffer | undefined;
  try {
    const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    d = Buffer.from(jwk.d as string, 'base64url');
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    ecdhHandles.set(key.key, ecdh);
  } finally {
    der.fill(0);
    d?.fill(0);
  }
  return key;
}

/** IEEE P1363 r ‖ s to DER SEQUENCE { INTEGER r, INTEGER s }. */
function p1363ToDer(signature: Bytes): Buffer {
  const integer = (half: Uint8Array): Buffer => {
    let start = 0;
    while (start < half.length - 1 && half[start] === 0) start++;
    const value = half.subarray(start);
    const pad = ((value[0] as number) & 0x80) !== 0;
    return Buffer.concat([
      Buffer.from([0x02, value.length + (pad ? 1 : 0)]),
      Buffer.alloc(pad ? 1 : 0),
      value,
    ]);
  };
  const body = Buffer.concat([
    integer(signature.subarray(0, SIGNATURE_HALF)),
    integer(signature.subarray(SIGNATURE_HALF)),
  ]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

// A contractor signs many bids with one key, and a tender's bidders repeat across lots.
const VERIFIER_CACHE_LIMIT = 10_000;
const verifiers = new Map<string, SignatureVerifier>();

function p256Verifier(jwk: P256Point): SignatureVerifier {
  const id = `${jwk.x}.${jwk.y}`;
  const cached = verifiers.get(id);
  if (cached) return cached;
  const key: KeyObject = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    format: 'jwk',
  });
  const verifier: SignatureVerifier = async (signature, message) =>
    signature.length === 2 * SIGNATURE_HALF && verify('sha256', message, key, p1363ToDer(signature));
  if (verifiers.size >= VERIFIER_CACHE_LIMIT) verifiers.clear();
  verifiers.set(id, verifier);
  return verifier;
}

function macKey(raw: Bytes): MacKey {
  const key = createSecretKey(raw);
  const sign = (data: Bytes) => createHmac('sha256', key).update(data).digest();
  return {
    async sign(data) {
      return copyBytes(sign(data));
    },
    async verify(mac, data) {
      const expected = sign(data);
      return mac.length === expected.length && timingSafeEqual(mac, expected);
    },
  };
}

function aeadKey(raw: Bytes): AeadKey {
  if (raw.length !== 32) throw new RangeError('AES-256-GCM keys are 32 bytes');
  const key = createSecretKey(raw);
  return {
    async encrypt(iv, associatedData, plaintext) {
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      cipher.setAAD(associatedData);
      const head = cipher.update(plaintext);
      const tail = cipher.final();
      return copyBytes(Buffer.concat([head, tail, cipher.getAuthTag()]));
    },
    async decrypt(iv, associatedData, sealed) {
      if (sealed.length < TAG_LENGTH) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(associatedData);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
      const head = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
      try {
        decipher.final();
      } catch {
        return undefined;
      }
      return copyBytes(head);
    },
  };
}

export const nodeSealingPrimitives: SealingPrimitives = {
  name: 'node:crypto',
  async sha256(data) {
    return copyBytes(createHash('sha256').update(data).digest());
  },
  async ecdhP256(privateKey, point) {
    const own = ecdhHandles.get(privateKey);
    // A key imported elsewhere: correct, at WebCrypto's speed.
    if (!own) return webCryptoPrimitives.ecdhP256(privateKey, point);
    if (point.length !== 65 || point[0] !== 4) throw new RangeError('not an uncompressed P-256 point');
    // Throws ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY for a point off the curve.
    return copyBytes(own.computeSecret(point));
  },
  async hkdfSha256(ikm, salt, info, length) {
    return new Uint8Array(hkdfSync('sha256', createSecretKey(ikm), salt, info, length));
  },
  macKey: async (raw) => macKey(raw),
  aeadKey: async (raw) => aeadKey(raw),
  p256Verifier: async (jwk) => p256Verifier(jwk),
};

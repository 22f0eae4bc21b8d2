// SealingPrimitives on WebCrypto: what browsers (and by default everything else) use.
import type { Bytes } from './bytes.ts';
import type { AeadKey, MacKey, SealingPrimitives } from './primitives.ts';

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const TAG_BITS = 128;

async function macKey(raw: Bytes): Promise<MacKey> {
  const key = await crypto.subtle.importKey('raw', raw, HMAC_SHA256, false, ['sign', 'verify']);
  return {
    async sign(data) {
      return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
    },
    verify: (mac, data) => crypto.subtle.verify('HMAC', key, mac, data),
  };
}

async function aeadKey(raw: Bytes): Promise<AeadKey> {
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    async encrypt(iv, additionalData, plaintext) {
      return new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData, tagLength: TAG_BITS },
          key,
          plaintext,
        ),
      );
    },
    async decrypt(iv, additionalData, sealed) {
      try {
        return new Uint8Array(
          await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv, additionalData, tagLength: TAG_BITS },
            key,
            sealed,
          ),
        );
      } catch {
        return undefined;
      }
    },
  };
}

export const webCryptoPrimitives: SealingPrimitives = {
  name: 'WebCrypto',
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  },
  async ecdhP256(privateKey, point) {
    const peer = await crypto.subtle.importKey('raw', point, ECDH_P256, true, []);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
  },
  async hkdfSha256(ikm, salt, info, length) {
    const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    return new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8),
    );
  },
  macKey,
  aeadKey,
  async p256Verifier(jwk) {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      ECDSA_P256,
      false,
      ['verify'],
    );
    return (signature, message) =>
      crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message);
  },
};

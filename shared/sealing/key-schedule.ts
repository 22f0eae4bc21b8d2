// Ephemeral-static ECDH P-256 → HKDF-SHA-256 → independent keys per purpose and per part.
//
//   Z    = ECDH(ephemeral, tender opening key)          (32-byte x-coordinate)
//   OKM  = HKDF-SHA-256(IKM = Z, salt = envelope salt, info, L)
//   info = lp("eproc-seal-v1") || lp(purpose) || lp(part) || lp(ephemeral point) || lp(recipient point)
//          where lp(x) = u16be(len(x)) || x
//
// Putting both public points in `info` (as HPKE's kem_context does) ties every derived key to this
// exact sender/recipient pair. The random salt gives fresh keys even if an ephemeral key repeated.

import { FORMAT_LABEL } from './binding.ts';
import { type Bytes, lengthPrefixed, utf8 } from './bytes.ts';
import { MalformedEnvelopeError } from './errors.ts';
import type { OpeningPrivateKey, OpeningPublicKey } from './opening-keys.ts';
import type { MacKey, SealingPrimitives } from './primitives.ts';
import { NONCE_PREFIX_LENGTH, type StreamKey } from './stream-format.ts';
import { webCryptoPrimitives } from './web-primitives.ts';

export const SALT_LENGTH = 32;
const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface EnvelopeKeys {
  /** HMAC key authenticating the envelope header. */
  readonly headerMacKey: MacKey;
  /** HMAC key for the binding check (tender/lot/contractor) stored in the header. */
  readonly bindingKey: MacKey;
  partKey(part: string): Promise<StreamKey>;
}

export interface SealerKeySchedule {
  readonly ephemeralPublicKey: Bytes;
  readonly salt: Bytes;
  readonly keys: EnvelopeKeys;
}

/** The sealer's side runs where the bidder is, so it is WebCrypto only. */
export async function sealerKeySchedule(recipient: OpeningPublicKey): Promise<SealerKeySchedule> {
  const ephemeral = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const ephemeralPublicKey = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const sharedSecret = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient.key }, ephemeral.privateKey, 256),
  );
  const keys = await deriveEnvelopeKeys(
    webCryptoPrimitives,
    sharedSecret,
    salt,
    ephemeralPublicKey,
    recipient.raw,
  );
  return { ephemeralPublicKey, salt, keys };
}

export async function openerKeySchedule(
  opening: OpeningPrivateKey,
  ephemeralPublicKey: Bytes,
  salt: Bytes,
  primitives: SealingPrimitives = webCryptoPrimitives,
): Promise<EnvelopeKeys> {
  let sharedSecret: Bytes;
  try {
    sharedSecret = await primitives.ecdhP256(opening.key, ephemeralPublicKey);
  } catch {
    throw new MalformedEnvelopeError('ephemeral public key is not a valid P-256 point');
  }
  return deriveEnvelopeKeys(primitives, sharedSecret, salt, ephemeralPublicKey, opening.publicKey.raw);
}

async function deriveEnvelopeKeys(
  primitives: SealingPrimitives,
  sharedSecret: Bytes,
  salt: Bytes,
  ephemeralPoint: Bytes,
  recipientPoint: Bytes,
): Promise<EnvelopeKeys> {
  // Kept for the part keys, which are derived on demand (an envelope may hold many documents);
  // it lives as long as these keys do, no longer than the opening of one bid.
  const ikm = sharedSecret;
  const expand = (purpose: string, part: string, length: number): Promise<Bytes> =>
    primitives.hkdfSha256(
      ikm,
      salt,
      lengthPrefixed([utf8(FORMAT_LABEL), utf8(purpose), utf8(part), ephemeralPoint, recipientPoint]),
      length,
    );
  const hmacKey = async (purpose: string): Promise<MacKey> => {
    const raw = await expand(purpose, '', 32);
    const key = await primitives.macKey(raw);
    raw.fill(0);
    return key;
  };
  const [headerMacKey, bindingKey] = await Promise.all([hmacKey('header-mac'), hmacKey('binding-check')]);
  return {
    headerMacKey,
    bindingKey,
    async partKey(part) {
      const okm = await expand('part', part, 32 + NONCE_PREFIX_LENGTH);
      const key = await primitives.aeadKey(okm.slice(0, 32));
      const noncePrefix = okm.slice(32);
      okm.fill(0);
      return { key, noncePrefix };
    },
  };
}

// Note signatures with ECDSA P-256 over SHA-256, DER-encoded: what AWS KMS returns for an
// ECC_NIST_P256 key with ECDSA_SHA_256, so the log can sign checkpoints with a non-exportable key.
import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { NoteSigner, NoteVerifier } from './signed-note.ts';
import { isValidKeyName } from './signed-note.ts';

/**
 * The signature type identifier hashed into the key id. C2SP signed-note assigns 0x02 to the
 * ECDSA scheme of github.com/transparency-dev/witness, whose key id is SHA-256 over the SPKI alone,
 * without the key name. Our key id binds the key name too, so reusing 0x02 would describe a
 * different key id under an assigned number. The spec reserves 0xff for types without an assigned
 * byte and recommends a longer identifier after it, hence 0xff followed by this ASCII string.
 */
export const ECDSA_P256_SIGNATURE_TYPE: Uint8Array = Uint8Array.from([
  0xff,
  ...new TextEncoder().encode('eproc.audit/ecdsa-p256-sha256-der'),
]);

export type PublicKeyInput = string | Uint8Array | KeyObject;

function isP256(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

/** Reads a PEM or SPKI DER public key and checks that it is a P-256 key. */
export function p256PublicKey(key: PublicKeyInput): KeyObject {
  let publicKey: KeyObject;
  if (typeof key === 'string') publicKey = createPublicKey(key);
  else if (key instanceof Uint8Array)
    publicKey = createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' });
  else publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (!isP256(publicKey)) throw new TypeError('expected an ECDSA P-256 public key');
  return publicKey;
}

export function spkiDer(key: PublicKeyInput): Uint8Array {
  return new Uint8Array(p256PublicKey(key).export({ format: 'der', type: 'spki' }));
}

export function spkiPem(key: PublicKeyInput): string {
  return p256PublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
}

/** key id = SHA-256(key name || 0x0A || ECDSA_P256_SIGNATURE_TYPE || SPKI DER)[:4], big-endian. */
export function ecdsaP256KeyId(name: string, publicKey: PublicKeyInput): number {
  if (!isValidKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  const digest = createHash('sha256')
    .update(name)
    .update('\n')
    .update(ECDSA_P256_SIGNATURE_TYPE)
    .update(spkiDer(publicKey))
    .digest();
  return digest.readUInt32BE(0);
}

export function ecdsaP256Verifier(name: string, publicKey: PublicKeyInput): NoteVerifier {
  const key = p256PublicKey(publicKey);
  return {
    name,
    keyId: ecdsaP256KeyId(name, key),
    verify: (message, signature) => verify('sha256', message, { key, dsaEncoding: 'der' }, signature),
  };
}

/**
 * A signer around any function that returns a DER ECDSA P-256/SHA-256 signature of the message,
 * e.g. KMS Sign with MessageType RAW; the public key (KMS GetPublicKey gives SPKI DER) fixes the id.
 */
export function ecdsaP256RemoteSigner(
  name: string,
  publicKey: PublicKeyInput,
  signMessage: (message: Uint8Array) => Promise<Uint8Array>,
): NoteSigner {
  return { name, keyId: ecdsaP256KeyId(name, publicKey), sign: signMessage };
}

/** An in-process signer for tests, local runs and tools. */
export function ecdsaP256Signer(name: string, privateKey: string | KeyObject): NoteSigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || !isP256(key)) throw new TypeError('expected an ECDSA P-256 private key');
  return ecdsaP256RemoteSigner(
    name,
    key,
    async (message) => new Uint8Array(sign('sha256', message, { key, dsaEncoding: 'der' })),
  );
}

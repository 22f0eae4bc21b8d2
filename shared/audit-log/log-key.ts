// The log's signing key lives in KMS (ECC_NIST_P256, SIGN_VERIFY) and never leaves it: checkpoints
// are signed with KMS Sign (MessageType RAW, ECDSA_SHA_256, which hashes the note text with SHA-256
// and returns a DER signature, exactly the note signature format of shared/tlog).
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { resources, settings } from '../config/settings.ts';
import { cachedPerKey } from '../platform/cached-per-key.ts';
import { traced } from '../runtime/tracer.ts';
import type { BundlePublicKey, NoteSigner } from '../tlog/index.ts';
import { bundlePublicKey, ecdsaP256RemoteSigner, spkiDer } from '../tlog/index.ts';

const kms = traced(new KMSClient({}));

// The public key never changes for a key id, so one lookup per execution environment is enough.
const publicKeys = cachedPerKey(async (keyId) => {
  const result = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!result.PublicKey) throw new Error('KMS returned no public key for the log key');
  // Checks that it is a P-256 SPKI key before anyone signs or verifies with it.
  return spkiDer(new Uint8Array(result.PublicKey));
});

export function logPublicKeyDer(keyId: string = resources.keyId('log')): Promise<Uint8Array> {
  return publicKeys(keyId);
}

/** The log's public key as bundles and the public-key route present it (name = log origin). */
export async function logPublicKey(): Promise<BundlePublicKey> {
  return bundlePublicKey(settings.LOG_ORIGIN, await logPublicKeyDer());
}

export async function logSigner(): Promise<NoteSigner> {
  const keyId = resources.keyId('log');
  const spki = await logPublicKeyDer(keyId);
  return ecdsaP256RemoteSigner(settings.LOG_ORIGIN, spki, async (message) => {
    const result = await kms.send(
      new SignCommand({
        KeyId: keyId,
        Message: message,
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (!result.Signature) throw new Error('KMS returned no signature');
    return new Uint8Array(result.Signature);
  });
}

// Which key the checkpoints must be signed by: the pinned one, under the pinned or listed name.
import type { AuditBundle } from './bundle.ts';
import type { PublicKeyInput } from './ecdsa-p256.ts';
import { ecdsaP256Verifier, spkiDer } from './ecdsa-p256.ts';
import type { NoteVerifier } from './signed-note.ts';
import type { PinnedKey } from './verify-report.ts';
import { fail, isObject } from './verify-report.ts';

function sameSpki(a: PublicKeyInput, b: PublicKeyInput): boolean {
  return Buffer.from(spkiDer(a)).equals(spkiDer(b));
}

export function resolveVerifier(bundle: AuditBundle, pinned: PinnedKey): NoteVerifier {
  const listed = bundle.publicKeys.map((key, i) => {
    if (!isObject(key) || typeof key.name !== 'string' || typeof key.publicKey !== 'string') {
      return fail({ reason: 'malformed bundle', detail: `public key ${i} is not {name, publicKey}` });
    }
    return key;
  });
  const named = isObject(pinned) && 'name' in pinned && 'publicKey' in pinned;
  if (named) {
    const { name, publicKey } = pinned as { name: string; publicKey: PublicKeyInput };
    const differing = listed.find((key) => key.name === name && !safeSameSpki(key.publicKey, publicKey));
    if (differing !== undefined) {
      return fail({
        reason: 'bundle key differs from pinned key',
        detail: `the bundle lists another public key under the pinned name ${name}`,
      });
    }
    return ecdsaP256Verifier(name, publicKey);
  }
  const key = pinned as PublicKeyInput;
  const match = listed.find((entry) => safeSameSpki(entry.publicKey, key));
  if (match === undefined) {
    return fail({
      reason: 'pinned key not in bundle',
      detail: 'no public key in the bundle equals the pinned key, so its key name is unknown',
    });
  }
  return ecdsaP256Verifier(match.name, key);
}

function safeSameSpki(listed: string, pinned: PublicKeyInput): boolean {
  try {
    return sameSpki(listed, pinned);
  } catch {
    return fail({
      reason: 'malformed bundle',
      detail: 'a public key in the bundle is not a P-256 SPKI PEM key',
    });
  }
}

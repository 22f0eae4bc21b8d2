// The log's proofs checked in the browser with the library the CLI verifier uses (shared/tlog):
// a checkpoint's note signature against the log key, an event's leaf hash recomputed from the
// event, its inclusion proof against the signed root, and the consistency of two signed roots.
// Only the signature itself goes through WebCrypto (asynchronous), and its verdict is handed to
// the library's own note rules (openCheckpoint: unknown keys ignored, a bad known one rejects).

import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64 } from '../../../shared/tlog/bytes.ts';
import { type Checkpoint, openCheckpoint } from '../../../shared/tlog/checkpoint.ts';
import { entryLeafHash } from '../../../shared/tlog/hash.ts';
import { type NoteVerifier, noteMessage, parseNote } from '../../../shared/tlog/signed-note.ts';
import { verifyConsistency, verifyInclusion } from '../../../shared/tlog/verify-proofs.ts';

export interface LogKey {
  readonly name: string;
  readonly keyId: string;
  readonly publicKey: string;
}

/** Why a check failed, as a catalogue key's last part (oversight.check.<reason>). */
export type CheckFailure =
  | 'keyMismatch'
  | 'badSignature'
  | 'badNote'
  | 'leafMismatch'
  | 'badInclusion'
  | 'badConsistency'
  | 'rootMismatch';

export class CheckFailed extends Error {
  constructor(readonly reason: CheckFailure) {
    super(reason);
  }
}

// As shared/tlog/ecdsa-p256.ts defines it (that file needs node:crypto's key objects).
const SIGNATURE_TYPE = Uint8Array.from([
  0xff,
  ...new TextEncoder().encode('eproc.audit/ecdsa-p256-sha256-der'),
]);

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

/** The note key id of an ECDSA P-256 key: SHA-256(name ‖ \n ‖ type ‖ SPKI)[:4]. */
function keyIdOf(name: string, spki: Uint8Array): number {
  const name_ = new TextEncoder().encode(`${name}\n`);
  const input = new Uint8Array(name_.byteLength + SIGNATURE_TYPE.byteLength + spki.byteLength);
  input.set(name_);
  input.set(SIGNATURE_TYPE, name_.byteLength);
  input.set(spki, name_.byteLength + SIGNATURE_TYPE.byteLength);
  return new DataView(sha256(input).buffer).getUint32(0);
}

/** A DER ECDSA signature as WebCrypto's r ‖ s (32 bytes each), or undefined if malformed. */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (der[0] !== 0x30 || der[1] !== der.byteLength - 2) return undefined;
  const out = new Uint8Array(64);
  let at = 2;
  for (const half of [0, 1]) {
    if (der[at] !== 0x02) return undefined;
    const length = der[at + 1] as number;
    let value = der.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    while (value.byteLength > 32 && value[0] === 0) value = value.subarray(1);
    if (value.byteLength > 32) return undefined;
    out.set(value, half * 32 + 32 - value.byteLength);
  }
  return at === der.byteLength ? out : undefined;
}

/** Opens a signed checkpoint note with the log key: the checkpoint it vouches for, or CheckFailed. */
export async function openSignedCheckpoint(note: string, key: LogKey): Promise<Checkpoint> {
  const spki = pemToDer(key.publicKey);
  const keyId = keyIdOf(key.name, spki);
  if (keyId.toString(16).padStart(8, '0') !== key.keyId) throw new CheckFailed('keyMismatch');
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
  } catch {
    throw new CheckFailed('badNote');
  }
  const cryptoKey = await crypto.subtle.importKey(
    'spki',
    spki,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const message = noteMessage(parsed.text) as Uint8Array<ArrayBuffer>;
  const verdicts = new Map<Uint8Array, boolean>();
  for (const signature of parsed.signatures) {
    if (signature.name !== key.name || signature.keyId !== keyId) continue;
    const raw = derToRaw(signature.signature);
    verdicts.set(
      signature.signature,
      raw !== undefined &&
        (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, cryptoKey, raw, message)),
    );
  }
  const verifier: NoteVerifier = {
    name: key.name,
    keyId,
    // Called by the library for this key's signatures on this note's text only.
    verify: (_message, signature) =>
      [...verdicts].some(
        ([s, ok]) => ok && s.byteLength === signature.byteLength && s.every((b, i) => b === signature[i]),
      ),
  };
  try {
    return openCheckpoint(note, verifier).checkpoint;
  } catch {
    throw new CheckFailed('badSignature');
  }
}

const hashOf = (base64: string): Uint8Array => {
  const bytes = fromBase64(base64);
  if (!bytes) throw new CheckFailed('badNote');
  return bytes;
};

export interface InclusionInput {
  readonly seq: number;
  readonly event: unknown;
  readonly leafHash: string;
  readonly inclusionProof: readonly string[];
  readonly checkpointNote: string;
}

/** The event's entry is in the tree the signed checkpoint commits to; returns that checkpoint. */
export async function checkInclusion(input: InclusionInput, key: LogKey): Promise<Checkpoint> {
  const checkpoint = await openSignedCheckpoint(input.checkpointNote, key);
  const leaf = entryLeafHash(input.seq, input.event);
  const claimed = hashOf(input.leafHash);
  if (leaf.byteLength !== claimed.byteLength || leaf.some((b, i) => b !== claimed[i])) {
    throw new CheckFailed('leafMismatch');
  }
  const proof = input.inclusionProof.map(hashOf);
  if (!verifyInclusion(leaf, input.seq, checkpoint.size, proof, checkpoint.rootHash)) {
    throw new CheckFailed('badInclusion');
  }
  return checkpoint;
}

/** The newer signed checkpoint extends the older: the log only grew between them. */
export async function checkConsistency(
  older: string,
  newer: string,
  proof: readonly string[],
  key: LogKey,
): Promise<{ from: Checkpoint; to: Checkpoint }> {
  const [from, to] = await Promise.all([openSignedCheckpoint(older, key), openSignedCheckpoint(newer, key)]);
  if (!verifyConsistency(from.size, to.size, proof.map(hashOf), from.rootHash, to.rootHash)) {
    throw new CheckFailed('badConsistency');
  }
  return { from, to };
}

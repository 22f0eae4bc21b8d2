// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text is the origin, the decimal tree
// size, the base64 root hash, then optional non-empty extension lines, each ending in a newline.
import { fromBase64, toBase64 } from './bytes.ts';
import type { Hash } from './hash.ts';
import { HASH_SIZE } from './hash.ts';
import { NoteError } from './note-error.ts';
import type { NoteSigner, NoteVerifier, OpenedNote } from './signed-note.ts';
import { openNote, signNote } from './signed-note.ts';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Hash;
  readonly extensions?: readonly string[];
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

const treeSizePattern = /^(?:0|[1-9][0-9]*)$/;

function malformed(message: string): NoteError {
  return new NoteError('malformed-checkpoint', message);
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0 || origin.includes('\n')) throw malformed('the origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed('the tree size must be a natural number');
  if (rootHash.byteLength !== HASH_SIZE) throw malformed(`the root hash must have ${HASH_SIZE} bytes`);
  for (const line of extensions) {
    if (line.length === 0 || line.includes('\n')) throw malformed('extension lines must be non-empty lines');
  }
  return [origin, String(size), toBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the checkpoint does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined) {
    throw malformed('a checkpoint has an origin, a tree size and a root hash line');
  }
  if (lines.some((line) => line.length === 0)) throw malformed('a checkpoint has no empty lines');
  if (!treeSizePattern.test(size)) throw malformed('the tree size is not a decimal without leading zeros');
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw malformed('the tree size is too large');
  const rootHash = fromBase64(root);
  if (rootHash === undefined || rootHash.byteLength !== HASH_SIZE) {
    throw malformed(`the root hash is not base64 of ${HASH_SIZE} bytes`);
  }
  return extensions.length > 0
    ? { origin, size: treeSize, rootHash, extensions }
    : { origin, size: treeSize, rootHash };
}

/** Signs a checkpoint body (text or fields); the body is checked to be a well-formed checkpoint. */
export async function signCheckpoint(
  body: string | Checkpoint,
  signer: NoteSigner | readonly NoteSigner[],
): Promise<string> {
  const text = typeof body === 'string' ? body : formatCheckpoint(body);
  parseCheckpoint(text);
  return signNote(text, signer);
}

/** Verifies the note signature first, and only then reads the checkpoint: unsigned text is untrusted. */
export function openCheckpoint(
  note: string,
  verifiers: NoteVerifier | readonly NoteVerifier[],
): OpenedCheckpoint {
  const opened = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(opened.text), note: opened };
}

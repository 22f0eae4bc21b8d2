// RFC 9162 §2.1.1 hashing with SHA-256. The 0x00/0x01 prefixes keep a leaf from ever being read
// as an interior node (second-preimage resistance), so every hash in this library goes through here.
// No Buffer here: in the browser (the portal's oversight pages) node:crypto's `hash` is a
// synchronous SHA-256 shim (portal/src/shims/node-crypto.ts).
import { hash } from 'node:crypto';
import { canonicalBytes } from '../canonical/canonical-json.ts';

/** A 32-byte SHA-256 digest. */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

const emptyRootHash: Hash = hash('sha256', new Uint8Array(0), 'buffer');

/** MTH({}) = SHA-256(""): the root of the empty tree. Returns a copy, so callers may keep it. */
export function emptyRoot(): Hash {
  return copyHash(emptyRootHash);
}

/** A detached copy. Buffer#slice returns a view, so `.slice()` is not safe on node:crypto output. */
export function copyHash(hash: Hash): Hash {
  return new Uint8Array(hash);
}

/** SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Hash {
  const input = new Uint8Array(entry.byteLength + 1);
  input[0] = 0x00;
  input.set(entry, 1);
  return hash('sha256', input, 'buffer');
}

// One scratch buffer is safe because hashing is synchronous and the digest is a fresh buffer.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/**
 * The logged bytes for one audit event: RFC 8785 canonical JSON of `{"event":…,"seq":n}`. The
 * sequence number sits inside the hashed bytes so that reordering or renumbering entries changes
 * their leaf hashes instead of only their position.
 */
export function entryBytes(seq: number, event: unknown): Uint8Array {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`sequence number must be a natural number`);
  return canonicalBytes({ event, seq });
}

export function entryLeafHash(seq: number, event: unknown): Hash {
  return leafHash(entryBytes(seq, event));
}

// A deliberately naive RFC 9162 §2.1 reference, transcribed from the recursive definitions and
// sharing no code with shared/tlog, so the library is checked against the text of the RFC.
import { createHash } from 'node:crypto';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

export function naiveLeaf(entry: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0), entry);
}

/** MTH(D[n]) over already-hashed leaves. */
export function naiveMth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  const split = k(leaves.length);
  return sha256(Uint8Array.of(1), naiveMth(leaves.slice(0, split)), naiveMth(leaves.slice(split)));
}

export function naivePath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const split = k(leaves.length);
  if (m < split) return [...naivePath(m, leaves.slice(0, split)), naiveMth(leaves.slice(split))];
  return [...naivePath(m - split, leaves.slice(split)), naiveMth(leaves.slice(0, split))];
}

function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === leaves.length) return b ? [] : [naiveMth(leaves)];
  const split = k(leaves.length);
  if (m <= split) return [...subproof(m, leaves.slice(0, split), b), naiveMth(leaves.slice(split))];
  return [...subproof(m - split, leaves.slice(split), false), naiveMth(leaves.slice(0, split))];
}

export function naiveProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}

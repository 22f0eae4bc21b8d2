// Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 spell it out, with sizes handled
// by arithmetic rather than bit operators so trees past 2^31 leaves stay correct.
import { equalBytes } from './bytes.ts';
import type { Hash } from './hash.ts';
import { emptyRoot, HASH_SIZE, nodeHash } from './hash.ts';

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isHash = (h: Hash): boolean => h instanceof Uint8Array && h.byteLength === HASH_SIZE;
const isTreeSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** The root an inclusion proof leads to, or undefined when the proof cannot fit the tree size. */
export function rootFromInclusionProof(
  leafHash: Hash,
  index: number,
  treeSize: number,
  proof: readonly Hash[],
): Hash | undefined {
  if (!isTreeSize(index) || !isTreeSize(treeSize) || index >= treeSize || !isHash(leafHash)) return undefined;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0 || !isHash(p)) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // fn === sn on an even fn: the right edge was a lone node promoted up without a sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(
  leafHash: Hash,
  index: number,
  treeSize: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
  return computed !== undefined && equalBytes(computed, root);
}

/**
 * Whether the tree with `newRoot` at size n extends the tree with `oldRoot` at size m. The RFC
 * leaves m = 0 and m = n undefined; here the empty tree (with the empty root) is extended by any
 * tree with an empty proof, and equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(
  m: number,
  n: number,
  proof: readonly Hash[],
  oldRoot: Hash,
  newRoot: Hash,
): boolean {
  if (!isTreeSize(m) || !isTreeSize(n) || m > n || !isHash(oldRoot) || !isHash(newRoot)) return false;
  if (!proof.every(isHash)) return false;
  if (m === n) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (m === 0) return proof.length === 0 && equalBytes(oldRoot, emptyRoot());
  if (proof.length === 0) return false;
  // When m is a power of two the old root is itself a node of the new tree, so it starts the path.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Hash;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}

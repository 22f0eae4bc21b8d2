// When a checkpoint root does not match the recomputed tree and no entry was individually
// inconsistent, the tampering sits somewhere below that root. Proof hashes that verified against
// signed roots are authentic subtree hashes, so comparing them with the recomputed subtrees
// narrows the first bad leaf down, to a single index when the bundle carries enough proofs.
import { equalBytes } from './bytes.ts';
import type { Hash } from './hash.ts';
import type { MerkleTree } from './merkle-tree.ts';
import type { LeafRange } from './proof-ranges.ts';

export interface AuthenticSubtree {
  readonly range: LeafRange;
  readonly hash: Hash;
}

/**
 * The range [lo, hi) that must hold the first bad leaf, given that leaves [0, goodPrefix) are
 * known good (an earlier checkpoint matched) and `recomputed` differs from the true tree of size
 * `size`. Leaves covered by a matching authentic subtree are good (barring a SHA-256 collision),
 * and every mismatching one contains a bad leaf, so the first bad leaf is at or after the first
 * uncovered index and before the end of the earliest-ending mismatching subtree.
 */
export function locateFirstBadLeaf(
  goodPrefix: number,
  size: number,
  recomputed: MerkleTree,
  evidence: readonly AuthenticSubtree[],
): LeafRange {
  const good: LeafRange[] = [];
  let hi = size;
  for (const { range, hash } of evidence) {
    const [start, end] = range;
    if (end > size || start >= end) continue;
    if (equalBytes(recomputed.rangeHash(start, end), hash)) good.push(range);
    else hi = Math.min(hi, end);
  }
  good.sort((a, b) => a[0] - b[0]);
  let lo = goodPrefix;
  for (const [start, end] of good) {
    if (start > lo) break;
    lo = Math.max(lo, end);
  }
  return [Math.min(lo, hi - 1), hi];
}

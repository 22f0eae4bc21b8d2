// The right border of a Merkle tree: the roots of the perfect subtrees that make up the first
// `size` leaves, largest first. It is all an appender needs to keep (O(log n) hashes) to produce
// the root after every append, so the writer can persist it next to the log head.
import type { Hash } from './hash.ts';
import { copyHash, emptyRoot, HASH_SIZE, nodeHash } from './hash.ts';

function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

export class CompactRange {
  #size = 0;
  readonly #border: Hash[] = [];

  /** Resumes from a persisted border; `border` must hold one hash per set bit of `size`. */
  static fromBorder(size: number, border: readonly Hash[]): CompactRange {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('tree size must be a natural number');
    if (border.length !== popCount(size)) {
      throw new RangeError(
        `a tree of size ${size} has ${popCount(size)} border hashes, got ${border.length}`,
      );
    }
    const range = new CompactRange();
    range.#size = size;
    range.#border.push(...border.map(copyHash));
    return range;
  }

  get size(): number {
    return this.#size;
  }

  /** The perfect-subtree roots along the right border, largest (leftmost) first. */
  border(): Hash[] {
    return this.#border.map(copyHash);
  }

  /** Appends one leaf hash: O(log n) interior hashes at worst, one on average. */
  append(leafHash: Hash): void {
    if (leafHash.byteLength !== HASH_SIZE) throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes`);
    let merged = leafHash;
    // Each trailing 1-bit of the old size is a perfect subtree of the same height as `merged`.
    for (let rest = this.#size; rest % 2 === 1; rest = Math.floor(rest / 2)) {
      merged = nodeHash(this.#border.pop() as Hash, merged);
    }
    this.#border.push(merged);
    this.#size += 1;
  }

  /** MTH of all leaves appended so far. */
  root(): Hash {
    const border = this.#border;
    let root = border[border.length - 1];
    if (root === undefined) return emptyRoot();
    for (let i = border.length - 2; i >= 0; i--) root = nodeHash(border[i] as Hash, root);
    return copyHash(root);
  }
}

/** MTH(D[0:n]) of a list of leaf hashes in O(n) time and O(log n) memory. */
export function rootFromLeafHashes(leafHashes: Iterable<Hash>): Hash {
  const range = new CompactRange();
  for (const leaf of leafHashes) range.append(leaf);
  return range.root();
}

// A Merkle tree that keeps every perfect subtree hash (about 2n hashes in flat per-level buffers),
// so any RFC subtree hash, root, or proof comes from O(log n) cached hashes plus O(log n) fresh
// hashes along the right border, instead of rehashing the leaves for every request.
import type { Hash } from './hash.ts';
import { copyHash, emptyRoot, HASH_SIZE, nodeHash } from './hash.ts';
import type { LeafRange } from './proof-ranges.ts';
import { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.ts';

/** One tree level stored contiguously: node i of height h covers leaves [i·2^h, (i+1)·2^h). */
class Level {
  bytes = new Uint8Array(HASH_SIZE * 64);
  count = 0;

  push(hash: Hash): void {
    if ((this.count + 1) * HASH_SIZE > this.bytes.byteLength) {
      const grown = new Uint8Array(this.bytes.byteLength * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_SIZE);
    this.count += 1;
  }

  // A view, not a copy: stored hashes are never overwritten and a grown buffer leaves the old one
  // intact, so internal callers can hold it. Public methods copy before returning.
  at(index: number): Hash {
    return this.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

export class MerkleTree {
  readonly #levels: Level[] = [new Level()];

  static fromLeafHashes(leafHashes: Iterable<Hash>): MerkleTree {
    const tree = new MerkleTree();
    for (const leaf of leafHashes) tree.append(leaf);
    return tree;
  }

  get size(): number {
    return (this.#levels[0] as Level).count;
  }

  /** Appends a leaf hash and the perfect subtree hashes it completes: O(1) amortised. */
  append(leafHash: Hash): void {
    if (leafHash.byteLength !== HASH_SIZE) throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes`);
    let height = 0;
    let level = this.#levels[0] as Level;
    level.push(leafHash);
    while (level.count % 2 === 0) {
      const combined = nodeHash(level.at(level.count - 2), level.at(level.count - 1));
      height += 1;
      let parent = this.#levels[height];
      if (parent === undefined) {
        parent = new Level();
        this.#levels.push(parent);
      }
      parent.push(combined);
      level = parent;
    }
  }

  leafHash(index: number): Hash {
    this.#checkRange(index, index + 1);
    return copyHash((this.#levels[0] as Level).at(index));
  }

  /** MTH(D[0:size]) for any size up to the current one. */
  root(size: number = this.size): Hash {
    if (size === 0) return emptyRoot();
    return this.rangeHash(0, size);
  }

  /** MTH(D[start:end]) for a range produced by the RFC recursion (see proof-ranges.ts). */
  rangeHash(start: number, end: number): Hash {
    return copyHash(this.#rangeHash(start, end));
  }

  /** PATH(index, D[0:size]) per RFC 9162 §2.1.3.1. */
  inclusionProof(index: number, size: number = this.size): Hash[] {
    this.#checkRange(0, size);
    return this.#hashes(inclusionProofRanges(index, size));
  }

  /** PROOF(m, D[0:n]) per RFC 9162 §2.1.4.1; empty when m is 0 or m equals n. */
  consistencyProof(m: number, n: number = this.size): Hash[] {
    this.#checkRange(0, n);
    return this.#hashes(consistencyProofRanges(m, n));
  }

  #hashes(ranges: readonly LeafRange[]): Hash[] {
    return ranges.map(([start, end]) => copyHash(this.#rangeHash(start, end)));
  }

  #checkRange(start: number, end: number): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`[${start}, ${end}) is not a leaf range`);
    }
    if (end > this.size) throw new RangeError(`[${start}, ${end}) reaches past the ${this.size} leaves`);
  }

  #rangeHash(start: number, end: number): Hash {
    this.#checkRange(start, end);
    if (start === end) throw new RangeError('an empty range has no subtree hash');
    // The range splits into perfect subtrees of strictly decreasing height, one per set bit of its
    // width; the RFC folds them right to left.
    const parts: Hash[] = [];
    let position = start;
    for (let height = this.#levels.length - 1; height >= 0; height--) {
      const width = 2 ** height;
      if (end - position < width) continue;
      if (position % width !== 0) throw new RangeError(`[${start}, ${end}) is not an RFC 9162 subtree`);
      parts.push((this.#levels[height] as Level).at(position / width));
      position += width;
    }
    let hash = parts[parts.length - 1] as Hash;
    for (let i = parts.length - 2; i >= 0; i--) hash = nodeHash(parts[i] as Hash, hash);
    return hash;
  }
}

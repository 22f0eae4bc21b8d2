// Hash tiles (as in c2sp.org/tlog-tiles, height 8): level ℓ stores the hashes of the complete nodes
// at height 8ℓ, 256 to a tile. A full tile never changes, so it is written once and cached forever;
// the one partial tile per level lives in the log head. Any perfect subtree hash then comes from
// one tile (at most 255 hashing steps), so a proof reads O(log n) small items and never the leaves.
import type { Hash } from '../tlog/index.ts';
import { HASH_SIZE, nodeHash } from '../tlog/index.ts';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/** MTH of a power-of-two number of hashes laid end to end. */
export function perfectRoot(hashes: Uint8Array): Hash {
  let level: Hash[] = [];
  for (let i = 0; i < hashes.byteLength; i += HASH_SIZE) level.push(hashes.subarray(i, i + HASH_SIZE));
  if (level.length === 0 || (level.length & (level.length - 1)) !== 0) {
    throw new RangeError(`a perfect subtree has a power of two hashes, not ${level.length}`);
  }
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
    level = next;
  }
  return new Uint8Array(level[0] as Hash);
}

export interface FullTile {
  readonly level: number;
  readonly index: number;
  readonly hashes: Uint8Array;
}

/** The partial tiles of a tree of `size` leaves, and appending to them. */
export class TileState {
  #size: number;
  readonly #partial: Uint8Array[];

  constructor(size: number, partial: readonly Uint8Array[]) {
    this.#size = size;
    this.#partial = partial.map((p) => new Uint8Array(p));
    for (let level = 0; level < this.#partial.length; level++) {
      const expected = (Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH) * HASH_SIZE;
      if (this.#partial[level]?.byteLength !== expected) {
        throw new RangeError(`partial tile ${level} does not fit a tree of ${size} leaves`);
      }
    }
    if (Math.floor(size / TILE_WIDTH ** this.#partial.length) > 0) {
      throw new RangeError(`a tree of ${size} leaves has more than ${this.#partial.length} tile levels`);
    }
  }

  get size(): number {
    return this.#size;
  }

  /** The partial tile per level, lowest first (empty levels included up to the highest in use). */
  partial(): Uint8Array[] {
    return this.#partial.map((p) => new Uint8Array(p));
  }

  /** Appends a leaf hash; returns the tiles it completed (at most one per level). */
  append(leafHash: Hash): FullTile[] {
    const completed: FullTile[] = [];
    this.#size += 1;
    let carry: Hash = leafHash;
    for (let level = 0; ; level++) {
      const tile = this.#partial[level] ?? new Uint8Array(0);
      const grown = new Uint8Array(tile.byteLength + HASH_SIZE);
      grown.set(tile);
      grown.set(carry, tile.byteLength);
      if (grown.byteLength < TILE_BYTES) {
        this.#partial[level] = grown;
        return completed;
      }
      completed.push({ level, index: this.#size / TILE_WIDTH ** (level + 1) - 1, hashes: grown });
      this.#partial[level] = new Uint8Array(0);
      carry = perfectRoot(grown);
    }
  }
}

/** Where a perfect node's hash lives: the tile, and the slice of it whose perfect root it is. */
export interface NodeLocation {
  readonly level: number;
  readonly tile: number;
  readonly offset: number;
  readonly count: number;
}

/** Node `index` at `height` (covering leaves [index·2^height, (index+1)·2^height)). */
export function locateNode(height: number, index: number): NodeLocation {
  const level = Math.floor(height / TILE_HEIGHT);
  const count = 2 ** (height - level * TILE_HEIGHT);
  const first = index * count;
  return { level, tile: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
}

/** Is tile `tile` of `level` full in a tree of `size` leaves (so stored on its own), or the partial one? */
export const isFullTile = (size: number, level: number, tile: number) =>
  (tile + 1) * TILE_WIDTH <= Math.floor(size / TILE_WIDTH ** level);

/** The aligned perfect subtrees (height, index) that make up an RFC 9162 range, largest first. */
export function perfectParts(start: number, end: number): { height: number; index: number }[] {
  const parts: { height: number; index: number }[] = [];
  let position = start;
  for (let height = 52; height >= 0; height--) {
    const width = 2 ** height;
    if (end - position < width) continue;
    if (position % width !== 0) throw new RangeError(`[${start}, ${end}) is not an RFC 9162 subtree`);
    parts.push({ height, index: position / width });
    position += width;
  }
  return parts;
}

export const tileBytes = TILE_BYTES;

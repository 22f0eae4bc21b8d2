// Proofs straight from the stored tiles: each proof element is the hash of an RFC 9162 range,
// which splits into aligned perfect subtrees, each the perfect root of a slice of one tile. Full
// tiles are immutable, so they are cached for the life of the execution environment.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { storedObjectMissing } from '../storage/missing-object.ts';
import type { Hash } from '../tlog/index.ts';
import {
  consistencyProofRanges,
  emptyRoot,
  HASH_SIZE,
  inclusionProofRanges,
  nodeHash,
} from '../tlog/index.ts';
import type { LogHead } from './log-head.ts';
import { tileKey } from './log-keys.ts';
import type { LogLocation } from './log-location.ts';
import { isFullTile, locateNode, perfectParts, perfectRoot } from './tiles.ts';

type LeafRange = readonly [number, number];

const MAX_CACHED_TILES = 4096;
const fullTiles = new Map<string, Uint8Array>();

const cacheKey = (table: string, level: number, tile: number) => `${table}/${level}/${tile}`;

async function loadFullTiles(table: string, wanted: readonly { level: number; tile: number }[]) {
  const missing = [
    ...new Map(
      wanted
        .filter((t) => !fullTiles.has(cacheKey(table, t.level, t.tile)))
        .map((t) => [cacheKey(table, t.level, t.tile), t]),
    ).values(),
  ];
  for (let i = 0; i < missing.length; i += 100) {
    let keys: Record<string, unknown>[] = missing.slice(i, i + 100).map((t) => tileKey(t.level, t.tile));
    while (keys.length > 0) {
      const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
      for (const item of result.Responses?.[table] ?? []) {
        const [, level, tile] = String(item.pk).split('#');
        if (fullTiles.size >= MAX_CACHED_TILES) fullTiles.delete(fullTiles.keys().next().value as string);
        fullTiles.set(cacheKey(table, Number(level), Number(tile)), item.hashes as Uint8Array);
      }
      keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
}

/**
 * Hashes of leaf ranges of the tree `head` describes (or of any earlier size: a smaller tree's
 * ranges are ranges of this one too).
 */
export class TileHashes {
  readonly #location: LogLocation;
  readonly #head: LogHead;
  readonly #partial: Uint8Array[];

  constructor(location: LogLocation, head: LogHead) {
    this.#location = location;
    this.#head = head;
    this.#partial = head.tiles.partial();
  }

  get size(): number {
    return this.#head.size;
  }

  async rangeHashes(ranges: readonly LeafRange[]): Promise<Hash[]> {
    for (const [start, end] of ranges) {
      if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end)) {
        throw new RangeError(`[${start}, ${end}) is not a leaf range`);
      }
      if (end > this.#head.size)
        throw new RangeError(`[${start}, ${end}) reaches past the log's ${this.#head.size} entries`);
    }
    const partsByRange = ranges.map(([start, end]) =>
      perfectParts(start, end).map((p) => locateNode(p.height, p.index)),
    );
    const table = this.#location.table;
    const size = this.#head.size;
    await loadFullTiles(
      table,
      partsByRange.flat().filter((n) => isFullTile(size, n.level, n.tile)),
    );
    return partsByRange.map((parts) => {
      const hashes = parts.map((node) => {
        const tile = isFullTile(size, node.level, node.tile)
          ? fullTiles.get(cacheKey(table, node.level, node.tile))
          : this.#partial[node.level];
        if (!tile) throw storedObjectMissing('audit log tile', `tile ${node.level}/${node.tile}`);
        const slice = tile.subarray(node.offset * HASH_SIZE, (node.offset + node.count) * HASH_SIZE);
        if (slice.byteLength !== node.count * HASH_SIZE) {
          throw new Error(`tile ${node.level}/${node.tile} is shorter than the log head says`);
        }
        return perfectRoot(slice);
      });
      let hash = hashes[hashes.length - 1] as Hash;
      for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i] as Hash, hash);
      return hash;
    });
  }

  async root(size: number = this.#head.size): Promise<Hash> {
    if (size === 0) return emptyRoot();
    const [root] = await this.rangeHashes([[0, size]]);
    return root as Hash;
  }

  async leafHash(index: number): Promise<Hash> {
    const [hash] = await this.rangeHashes([[index, index + 1]]);
    return hash as Hash;
  }

  inclusionProof(index: number, size: number): Promise<Hash[]> {
    return this.rangeHashes(inclusionProofRanges(index, size));
  }

  consistencyProof(m: number, n: number): Promise<Hash[]> {
    return this.rangeHashes(consistencyProofRanges(m, n));
  }
}

// Stage: every entry, in order, against its sequence number, its recorded leaf hash and the
// signed root at each checkpoint size.
import type { BundleEntry } from './bundle.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import type { Checkpoint } from './checkpoint.ts';
import { CompactRange } from './compact-range.ts';
import type { EntryObserver, EntrySource } from './entry-source.ts';
import type { Hash } from './hash.ts';
import { emptyRoot, entryBytes, leafHash } from './hash.ts';
import type { AuthenticSubtree } from './locate-bad-leaf.ts';
import { locateFirstBadLeaf } from './locate-bad-leaf.ts';
import { MerkleTree } from './merkle-tree.ts';
import { readRawEntry } from './raw-entry.ts';
import type { ProgressFor } from './verify-report.ts';
import { fail, isObject, PROGRESS_EVERY } from './verify-report.ts';

function readEntry(entry: unknown, index: number): BundleEntry {
  if (!isObject(entry) || !('event' in entry) || typeof entry.leafHash !== 'string') {
    return fail({ reason: 'malformed entry', detail: `entry ${index} is not {seq, event, leafHash}`, index });
  }
  if (entry.seq !== index) {
    const hint = typeof entry.seq === 'number' && entry.seq > index ? '; an entry may be missing' : '';
    return fail({
      reason: 'sequence number mismatch',
      detail: `entry ${index} has sequence number ${JSON.stringify(entry.seq)}${hint}`,
      index,
    });
  }
  return entry as unknown as BundleEntry;
}

function hashEntry(entry: BundleEntry, index: number): Hash {
  try {
    return leafHash(entryBytes(index, entry.event));
  } catch (error) {
    return fail({
      reason: 'malformed entry',
      detail: `entry ${index} has no canonical JSON: ${String(error)}`,
      index,
    });
  }
}

/**
 * Recomputes every leaf hash and, as the tree grows, the root at each checkpoint size. Only the
 * right border is kept while streaming; each recorded leaf hash has been checked against its
 * recomputation by the time it is read again (to locate tampering, or to match receipts).
 */
export function checkEntries(
  entries: EntrySource,
  checkpoints: readonly Checkpoint[],
  authentic: () => readonly AuthenticSubtree[],
  report: ProgressFor,
  observers: readonly EntryObserver[] = [],
): void {
  const progress = report('entries', entries.length);
  const range = new CompactRange();
  let next = 0;
  const checkRoots = (size: number): void => {
    for (; next < checkpoints.length && (checkpoints[next] as Checkpoint).size === size; next++) {
      const checkpoint = checkpoints[next] as Checkpoint;
      const root = size === 0 ? emptyRoot() : range.root();
      if (Buffer.from(root).equals(checkpoint.rootHash)) continue;
      const goodPrefix = next > 0 ? (checkpoints[next - 1] as Checkpoint).size : 0;
      // Entries 0 … size-1 have all passed their checks by now.
      const recorded: Hash[] = [];
      for (let i = 0; i < size; i++)
        recorded.push(fromBase64((entries.at(i) as BundleEntry).leafHash) as Hash);
      const recomputed = MerkleTree.fromLeafHashes(recorded);
      const [lo, hi] = locateFirstBadLeaf(goodPrefix, size, recomputed, authentic());
      const exact = hi - lo === 1;
      fail({
        reason: 'root mismatch',
        detail: exact
          ? `the entries do not hash to checkpoint ${next}'s root; entry ${lo} is the first that differs from what was signed`
          : `the entries do not hash to checkpoint ${next}'s root; the first bad entry is in [${lo}, ${hi})`,
        checkpoint: next,
        range: [lo, hi],
        ...(exact ? { index: lo } : {}),
      });
    }
  };
  checkRoots(0);
  for (let index = 0; index < entries.length; index++) {
    // The fast path only ever says yes; for any doubt, the checks below decide (and word it).
    const span = entries.raw?.(index);
    const raw = span ? readRawEntry(span.bytes, span.start, span.end, index) : undefined;
    if (raw) {
      range.append(raw.hash);
      for (const observe of observers) observe(index, raw);
      checkRoots(index + 1);
      if ((index + 1) % PROGRESS_EVERY === 0) progress(index + 1);
      continue;
    }
    const entry = readEntry(entries.at(index), index);
    const hash = hashEntry(entry, index);
    const encoded = toBase64(hash);
    if (encoded !== entry.leafHash) {
      fail({
        reason: 'leaf hash mismatch',
        detail: `entry ${index} hashes to ${encoded}, but the bundle records ${entry.leafHash}`,
        index,
      });
    }
    range.append(hash);
    for (const observe of observers) observe(index, entry);
    checkRoots(index + 1);
    if ((index + 1) % PROGRESS_EVERY === 0) progress(index + 1);
  }
  progress(entries.length);
  const missing = checkpoints[next];
  if (missing !== undefined) {
    fail({
      reason: 'missing entries',
      detail: `checkpoint ${next} covers ${missing.size} entries, the bundle has ${entries.length}`,
      index: entries.length,
      checkpoint: next,
    });
  }
}

// The bundle's entries as the verifier reads them: by index, mostly in order. An in-memory bundle
// answers from its array; a bundle file read in a stream (shared/cli/audit/bundle-file.ts) parses
// a block of entries at a time, so a million-entry bundle is never held whole.

export interface EntrySource {
  readonly length: number;
  /** The raw (unchecked) JSON value of entry `index`, 0 ≤ index < length. */
  at(index: number): unknown;
  /**
   * Entry `index`'s JSON text as bytes, bytes[start, end) (that element of the entries list
   * alone), when the source reads a file: the entries stage then tries its fast path
   * (raw-entry.ts) before `at`. The returned object may be reused by the next call; the bytes
   * must not change.
   */
  raw?(index: number): RawSpan;
}

export interface RawSpan {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

export const arrayEntries = (list: readonly unknown[]): EntrySource => ({
  length: list.length,
  at: (index) => list[index],
});

/**
 * Called for every entry that passed the entries stage (sequence number and recomputed leaf hash),
 * in order: the later stages note what they will look up (receipts, revealed events) in the same
 * pass instead of scanning the entries again.
 */
export type EntryObserver = (
  index: number,
  entry: { readonly event: unknown; readonly leafHash: string },
) => void;
// An observer that only needs event.eventId reads it with eventIdOf (raw-entry.ts): reading
// `event` of an entry from the fast path parses the whole event.

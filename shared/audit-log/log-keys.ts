// Where each piece of the log lives: the `log` DynamoDB table's keys and the `log` bucket's object
// keys. Numbers are zero-padded so that string order is numeric order in sort keys and listings.

/** Entries per DynamoDB entry partition: a bundle export reads each partition with one query. */
export const ENTRIES_PER_PARTITION = 1000;

const pad = (n: number, width = 12) => String(n).padStart(width, '0');

/** The single log head: tree size, right border, partial tiles; updated only under `size = :old`. */
export const headKey = { pk: 'HEAD', sk: 'HEAD' } as const;

/** Event id → its place in the log; written once (`attribute_not_exists`), so no event is logged twice. */
export const eventKey = (eventId: string) => ({ pk: `EVT#${eventId}`, sk: 'SEQ' });
/** The event id of an eventKey's pk. */
export const eventIdOf = (pk: string) => pk.slice('EVT#'.length);
/** The byAction index partition of an action's entries. */
export const actionPartition = (action: string) => `ACTION#${action}`;
/** The byTime index's one partition: every entry, in time order. */
export const allEntriesPartition = 'ENTRY';

export const entryPartition = (seq: number) => `ENTRIES#${pad(Math.floor(seq / ENTRIES_PER_PARTITION), 9)}`;
export const entryKey = (seq: number) => ({ pk: entryPartition(seq), sk: pad(seq) });

/** A full (immutable) hash tile: 256 node hashes at height 8·level. */
export const tileKey = (level: number, index: number) => ({
  pk: `TILE#${level}#${pad(index, 9)}`,
  sk: 'TILE',
});

export const CHECKPOINTS_PK = 'CHECKPOINTS';
export const checkpointKey = (size: number) => ({ pk: CHECKPOINTS_PK, sk: pad(size) });
export const checkpointSortKey = (size: number) => pad(size);

/** Batches committed to DynamoDB whose entries are not yet in the bucket. */
export const UNFLUSHED_PK = 'UNFLUSHED';
export const unflushedKey = (first: number) => ({ pk: UNFLUSHED_PK, sk: pad(first) });

/** One object per committed batch, named by its half-open sequence range. */
export const entriesObjectKey = (first: number, end: number) => `entries/${pad(first)}-${pad(end)}.jsonl`;
export const ENTRIES_PREFIX = 'entries/';
export const checkpointObjectKey = (size: number) => `checkpoints/${pad(size)}`;
export const CHECKPOINTS_PREFIX = 'checkpoints/';

export function parseEntriesObjectKey(key: string): { first: number; end: number } | undefined {
  const match = /^entries\/(\d{12})-(\d{12})\.jsonl$/.exec(key);
  if (!match) return undefined;
  const [first, end] = [Number(match[1]), Number(match[2])];
  return end > first ? { first, end } : undefined;
}

export function parseCheckpointObjectKey(key: string): number | undefined {
  const match = /^checkpoints\/(\d{12})$/.exec(key);
  return match ? Number(match[1]) : undefined;
}

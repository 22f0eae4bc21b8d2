// Stage: each receipt a participant kept must match an entry that a checkpoint covers. The entries
// are looked at once, during the entries stage (an EntryObserver), for every receipt together;
// each receipt gets the entry it names by `index` if that one matches, else the first that does.
import type { EntryObserver } from './entry-source.ts';
import { eventIdOf } from './raw-entry.ts';
import type { EntryView, Receipt, ReceiptMatcher } from './receipts.ts';
import { receiptMatches as defaultReceiptMatches } from './receipts.ts';
import type { ProgressFor, VerifyOptions } from './verify-report.ts';
import { fail, isObject, isSize } from './verify-report.ts';

export interface ReceiptLookup {
  /** Give to the entries stage. */
  readonly observe: EntryObserver;
  /** After the entries stage has passed: the stage itself. */
  match(treeSize: number, report: ProgressFor): { receipt: number; index: number }[];
}

/** What the default matcher needs equal: the receipt's eventId, or else its entry hash as base64. */
function defaultKey(receipt: Receipt): { eventId: string } | { leafHash: string } | 'ask' | undefined {
  if (!isObject(receipt)) return 'ask';
  const { eventId, entryHash } = receipt;
  if (eventId === undefined && entryHash === undefined) return undefined;
  if (eventId !== undefined) return typeof eventId === 'string' ? { eventId } : 'ask';
  if (typeof entryHash !== 'string') return 'ask';
  return {
    leafHash: /^[0-9a-fA-F]{64}$/.test(entryHash)
      ? Buffer.from(entryHash, 'hex').toString('base64')
      : entryHash,
  };
}

export function receiptLookup<R>(options: VerifyOptions<R>, entryCount: number): ReceiptLookup {
  const receipts = options.receipts ?? [];
  const matches = (options.receiptMatches ?? defaultReceiptMatches) as ReceiptMatcher<R>;
  const hints = receipts.map((receipt) =>
    isObject(receipt) && isSize(receipt.index) && receipt.index < entryCount ? receipt.index : -1,
  );
  const hintMatched = receipts.map(() => false);
  const first = receipts.map(() => -1);
  // The default matcher needs an equal eventId (or leaf hash): look those up instead of asking
  // every receipt about every entry. Any other matcher is asked about every entry.
  const byEventId = new Map<string, number[]>();
  const byLeafHash = new Map<string, number[]>();
  const everyEntry: number[] = [];
  receipts.forEach((receipt, position) => {
    if (options.receiptMatches) {
      everyEntry.push(position);
      return;
    }
    const key = defaultKey(receipt as Receipt);
    // Identifiers of another type than the default matcher expects: ask it about every entry.
    if (key === 'ask') everyEntry.push(position);
    if (key === 'ask' || key === undefined) return; // undefined: carries none, matches nothing
    const [map, value] = 'eventId' in key ? [byEventId, key.eventId] : [byLeafHash, key.leafHash];
    map.set(value, [...(map.get(value) ?? []), position]);
  });
  const consider = (position: number, view: EntryView): void => {
    if (first[position] !== -1 && hints[position] !== view.index) return;
    if (!matches(view, receipts[position] as R)) return;
    if (hints[position] === view.index) hintMatched[position] = true;
    if (first[position] === -1) first[position] = view.index;
  };
  const observe: EntryObserver = (index, entry) => {
    if (receipts.length === 0) return;
    const id = byEventId.size > 0 ? eventIdOf(entry) : undefined;
    const byId = id !== undefined ? byEventId.get(id) : undefined;
    const byHash = byLeafHash.size > 0 ? byLeafHash.get(entry.leafHash) : undefined;
    if (everyEntry.length === 0 && !byId && !byHash) return;
    // Read lazily: an entry from the fast path parses its event only when a matcher looks at it.
    const view: EntryView = {
      index,
      seq: index,
      get event() {
        return entry.event;
      },
      get leafHash() {
        return entry.leafHash;
      },
    };
    for (const position of everyEntry) consider(position, view);
    if (byId) for (const position of byId) consider(position, view);
    if (byHash) for (const position of byHash) consider(position, view);
  };
  return {
    observe,
    match(treeSize, report) {
      const progress = report('receipts', receipts.length);
      return receipts.map((_receipt, position) => {
        const index = hintMatched[position] ? (hints[position] as number) : (first[position] as number);
        if (index < 0) {
          return fail({
            reason: 'receipt not found',
            detail: `no entry matches receipt ${position}`,
            receipt: position,
          });
        }
        if (index >= treeSize) {
          return fail({
            reason: 'receipt not covered by a checkpoint',
            detail: `receipt ${position} matches entry ${index}, beyond the latest checkpoint (size ${treeSize})`,
            index,
            receipt: position,
          });
        }
        progress(position + 1);
        return { receipt: position, index };
      });
    },
  };
}

/** The receipts stage on its own, against entries already verified (the portal's receipt check). */
export function matchReceipts<R>(
  options: VerifyOptions<R>,
  entries: readonly { readonly event: unknown; readonly leafHash: string }[],
  treeSize: number,
  report: ProgressFor,
): { receipt: number; index: number }[] {
  const lookup = receiptLookup(options, entries.length);
  entries.forEach((entry, index) => {
    lookup.observe(index, entry);
  });
  return lookup.match(treeSize, report);
}

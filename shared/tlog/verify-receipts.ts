// Stage: each receipt a participant kept must match an entry that a checkpoint covers.
import type { BundleEntry } from './bundle.ts';
import type { EntryView, ReceiptMatcher } from './receipts.ts';
import { receiptMatches as defaultReceiptMatches } from './receipts.ts';
import type { ProgressFor, VerifyOptions } from './verify-report.ts';
import { fail, isObject, isSize } from './verify-report.ts';

export function matchReceipts<R>(
  options: VerifyOptions<R>,
  entries: readonly BundleEntry[],
  treeSize: number,
  report: ProgressFor,
): { receipt: number; index: number }[] {
  const receipts = options.receipts ?? [];
  const matches = (options.receiptMatches ?? defaultReceiptMatches) as ReceiptMatcher<R>;
  const progress = report('receipts', receipts.length);
  const view = (index: number): EntryView => {
    const entry = entries[index] as BundleEntry;
    return { index, seq: entry.seq, event: entry.event, leafHash: entry.leafHash };
  };
  return receipts.map((receipt, position) => {
    // A receipt that says where its entry is gets checked there first, saving a scan of the log.
    const hint =
      isObject(receipt) && isSize(receipt.index) && receipt.index < entries.length ? receipt.index : -1;
    let index = hint >= 0 && matches(view(hint), receipt) ? hint : -1;
    for (let i = 0; index < 0 && i < entries.length; i++) if (matches(view(i), receipt)) index = i;
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
}

// A receipt is what a participant kept when the platform logged something for them (a bid
// submission, say): enough to find the entry again. Matching is pluggable because receipts are
// minted elsewhere and may carry other fields.

/** An entry as the verifier presents it to a receipt matcher; leafHash (base64) has been recomputed and checked. */
export interface EntryView<E = unknown> {
  readonly index: number;
  readonly seq: number;
  readonly event: E;
  readonly leafHash: string;
}

export interface Receipt {
  /** The audit event's id (AuditEvent.eventId). */
  readonly eventId?: string;
  /** The entry's RFC 9162 leaf hash, base64 or hex. */
  readonly entryHash?: string;
  /** Where the receipt says the entry sits; only a hint for finding it faster. */
  readonly index?: number;
}

export type ReceiptMatcher<R> = (entry: EntryView, receipt: R) => boolean;

function eventIdOf(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return undefined;
  return (event as { eventId?: unknown }).eventId;
}

function sameHash(recomputedBase64: string, claimed: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(claimed)) {
    return Buffer.from(recomputedBase64, 'base64').toString('hex') === claimed.toLowerCase();
  }
  return recomputedBase64 === claimed;
}

/**
 * The default matcher: every identifier the receipt carries must agree with the entry, and it
 * must carry at least one, so an empty receipt matches nothing.
 */
export function receiptMatches(entry: EntryView, receipt: Receipt): boolean {
  const { eventId, entryHash } = receipt;
  if (eventId === undefined && entryHash === undefined) return false;
  if (entryHash !== undefined && !sameHash(entry.leafHash, entryHash)) return false;
  if (eventId !== undefined && eventIdOf(entry.event) !== eventId) return false;
  return true;
}

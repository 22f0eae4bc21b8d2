// At the opening, and not before: who made each bid. The commit sealed each bid's contractor id
// and signature to the tender's opening key (shared/bids/sealed-identity.ts); with that key
// unwrapped after the deadline, the opener reads them. A sealed identity that does not open
// (changed, or moved from another bid) makes the bid invalid, never the opening fail.
import { type BidderIdentity, openIdentity } from '../bids/sealed-identity.ts';
import { mapLimit } from '../platform/concurrency.ts';
import type { OpeningPrivateKey } from '../sealing/index.ts';
import type { BidCandidate } from './bid-reader.ts';

export interface RevealedCandidate extends BidCandidate {
  readonly bidder?: BidderIdentity;
  /** Why the sealed identity did not open. */
  readonly unreadable?: string;
}

export function revealBidders(
  tenderId: string,
  candidates: readonly BidCandidate[],
  openingKey: OpeningPrivateKey,
): Promise<RevealedCandidate[]> {
  return mapLimit(candidates, 64, async (candidate): Promise<RevealedCandidate> => {
    const { record } = candidate;
    if (!record) return candidate;
    const binding = { tenderId, lotId: record.lotId, bidderRef: record.bidderRef, bidId: record.bidId };
    try {
      return { ...candidate, bidder: await openIdentity(openingKey, binding, record.sealedIdentity) };
    } catch (error) {
      return { ...candidate, unreadable: (error as Error).message };
    }
  });
}

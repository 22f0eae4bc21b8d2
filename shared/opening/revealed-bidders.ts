// Who bid on a tender, once it is known: the first opening's minutes name each bid's contractor
// (bids are stored under pseudonyms, shared/bids/bidder-secret.ts). Before the opening the answer
// is empty, which is also all anyone may know then.
import { listMinutesRecords, readMinutesObject } from './minutes-store.ts';

export interface RevealedBidder {
  readonly contractorId: string;
  readonly lotId: string;
  readonly bidId: string;
  readonly bidderRef: string;
}

export async function revealedBidders(tenderId: string): Promise<RevealedBidder[]> {
  const first = (await listMinutesRecords(tenderId)).find((r) => r.phase !== 'financial');
  const stored = first && (await readMinutesObject(first.objectKey));
  if (!stored) return [];
  const { bids, invalidBids, unconfirmedBids = [] } = stored.document.minutes;
  return [...bids, ...invalidBids, ...unconfirmedBids].flatMap(({ contractorId, lotId, bidId, bidderRef }) =>
    contractorId ? [{ contractorId, lotId, bidId, bidderRef }] : [],
  );
}

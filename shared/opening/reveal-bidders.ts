// At the opening, and not before: who made each bid. The commit sealed each bid's contractor id
// and signature to the tender's opening key (shared/bids/sealed-identity.ts); with that key
// unwrapped after the deadline, the opener reads them. A sealed identity that does not open
// (changed, or moved from another bid) makes the bid invalid, never the opening fail.
import { type BidderIdentity, confirmationBinding, openIdentity } from '../bids/sealed-identity.ts';
import { mapLimit } from '../platform/concurrency.ts';
import type { OpeningPrivateKey } from '../sealing/index.ts';
import type { BidCandidate } from './bid-reader.ts';
import { nodeSealingPrimitives } from './node-sealing-primitives.ts';

export interface RevealedCandidate extends BidCandidate {
  readonly bidder?: BidderIdentity;
  /** Why the sealed identity did not open. */
  readonly unreadable?: string;
  /** The latest confirmation after an amendment (shared/bids/confirmation-rule.ts), opened. */
  readonly confirmation?: BidderIdentity;
  /** Why a stored confirmation did not open. */
  readonly confirmationUnreadable?: string;
}

async function revealConfirmation(
  record: NonNullable<BidCandidate['record']>,
  binding: Parameters<typeof confirmationBinding>[0],
  openingKey: OpeningPrivateKey,
): Promise<Pick<RevealedCandidate, 'confirmation' | 'confirmationUnreadable'>> {
  if (record.sealedConfirmation === undefined || record.confirmedRevision === undefined) return {};
  try {
    const bound = confirmationBinding(binding, record.confirmedRevision);
    return {
      confirmation: await openIdentity(openingKey, bound, record.sealedConfirmation, nodeSealingPrimitives),
    };
  } catch (error) {
    return { confirmationUnreadable: (error as Error).message };
  }
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
    const confirmation = await revealConfirmation(record, binding, openingKey);
    try {
      return {
        ...candidate,
        ...confirmation,
        bidder: await openIdentity(openingKey, binding, record.sealedIdentity, nodeSealingPrimitives),
      };
    } catch (error) {
      return { ...candidate, ...confirmation, unreadable: (error as Error).message };
    }
  });
}

// The sealed envelope a benchmark bidder uploads: the lot's price form with a price of its own
// (so the bids rank apart) and one small technical document, sealed to the tender's key.
import { type SealBidInput, sealBid } from '../../shared/sealing/index.ts';

export async function sealBenchBid(
  bid: {
    tenderId: string;
    lotId: string;
    contractorId: string;
    tenderPublicKey: SealBidInput['tenderPublicKey'];
    index: number;
  },
  document: Uint8Array<ArrayBuffer>,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string }> {
  const sealed = await sealBid({
    tenderId: bid.tenderId,
    lotId: bid.lotId,
    contractorId: bid.contractorId,
    tenderPublicKey: bid.tenderPublicKey,
    priceForm: {
      currency: 'VND',
      price: 8_000_000_000 + bid.index,
      bidSecurity: { amount: 90_000_000 },
      validityDays: 120,
    },
    documents: [
      {
        name: 'ho-so.pdf',
        contentType: 'application/pdf',
        size: document.length,
        stream: new Blob([document]).stream(),
      },
    ],
  });
  const bytes = new Uint8Array(await new Response(sealed.stream).arrayBuffer());
  return { bytes, sha256: await sealed.sha256Hex };
}

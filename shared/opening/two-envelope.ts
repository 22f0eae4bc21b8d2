// The two-envelope procedure on top of shared/sealing, without changing it: a bid is two sealed
// envelope objects. The technical one is the bid version's own envelope (envelopeKey, ...), its
// "price form" part a TechnicalForm; the financial one is a second object described by the
// version item's `financial` attribute, its price form a FinancialForm. The financial envelope is
// sealed to a binding whose lot is `<lotId>:financial`, so an envelope presented in the other
// slot (a financial envelope opened at the technical opening) fails its binding check.
import type { BidVersionRecord, FinancialEnvelopeRecord } from '../bids/bid-records.ts';
import type { BidBinding, DocumentInput, SealedBid } from '../sealing/index.ts';
import { sealBid } from '../sealing/index.ts';
import type { P256PublicJwk } from '../sealing/jwk.ts';
import type { FinancialForm, TechnicalForm } from './price-form.ts';

export type { FinancialEnvelopeRecord };

export const FINANCIAL_SUFFIX = ':financial';

/** The binding the financial envelope is sealed to, and its submission statement signed over. */
export const financialBinding = (binding: BidBinding): BidBinding => ({
  tenderId: binding.tenderId,
  lotId: `${binding.lotId}${FINANCIAL_SUFFIX}`,
  contractorId: binding.contractorId,
});

export interface TwoEnvelopeBidRecord extends BidVersionRecord {
  readonly financial?: FinancialEnvelopeRecord;
}

export interface TwoEnvelopeInput extends BidBinding {
  readonly tenderPublicKey: P256PublicJwk | string;
  readonly technical: TechnicalForm | Record<string, unknown>;
  readonly technicalDocuments: readonly DocumentInput[];
  readonly financial: FinancialForm | Record<string, unknown>;
  readonly financialDocuments?: readonly DocumentInput[];
  readonly chunkSize?: number;
}

/** Seals both envelopes of a two-envelope bid (for clients and tests). */
export async function sealTwoEnvelopeBid(
  input: TwoEnvelopeInput,
): Promise<{ technical: SealedBid; financial: SealedBid }> {
  const binding = { tenderId: input.tenderId, lotId: input.lotId, contractorId: input.contractorId };
  const common = {
    tenderPublicKey: input.tenderPublicKey,
    ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}),
  };
  const [technical, financial] = await Promise.all([
    sealBid({
      ...common,
      ...binding,
      priceForm: input.technical as never,
      documents: input.technicalDocuments,
    }),
    sealBid({
      ...common,
      ...financialBinding(binding),
      priceForm: input.financial as never,
      documents: input.financialDocuments ?? [],
    }),
  ]);
  return { technical, financial };
}

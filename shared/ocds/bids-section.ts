// The bids extension's `bids` block, from public opening minutes only: before the minutes are
// public nothing here may exist, not even a count (it would tell bidders how many rivals they have).
import type { MinutesBid, MinutesInvalidBid, MinutesUnconfirmedBid } from '../opening/minutes-schema.ts';
import { ocdsValue } from './amount.ts';
import type { Bids, OcdsBid, Statistic } from './ocds-schemas.ts';
import { contractorReference } from './parties.ts';
import type { ContractorFacts, PublicMinutes } from './source.ts';

export interface Bidder {
  readonly contractorId: string;
  readonly name: string;
}

export interface BidsSection {
  readonly bids: Bids;
  /** Every contractor with a bid in the first minutes (valid or not): the OCDS tenderers. */
  readonly bidders: readonly Bidder[];
}

const nameOf = (
  b: { contractorId: string; contractorName?: string | undefined },
  contractors: ReadonlyMap<string, ContractorFacts>,
) => b.contractorName ?? contractors.get(b.contractorId)?.name ?? b.contractorId;

/**
 * Bid status: `pending` once opened, `disqualified` when the opening found the bid invalid, when it
 * was not confirmed after an amendment (not opened; counted apart as `unconfirmedBids`) or (two
 * envelopes) it was left off the approved technical list, `valid` when it won an award. Values are
 * the prices as read out at opening, before any discount (the award carries the price after it).
 */
export function bidsSection(
  minutes: readonly PublicMinutes[],
  awardedBidIds: ReadonlySet<string>,
  contractors: ReadonlyMap<string, ContractorFacts>,
): BidsSection | undefined {
  const first = minutes.find((m) => m.phase !== 'financial');
  if (!first) return undefined;
  const financial = minutes.find((m) => m.phase === 'financial');
  const priced = new Map(
    (first.phase === 'single' ? first : financial)?.minutes.bids.map((b) => [b.bidId, b.price]) ?? [],
  );

  const details: OcdsBid[] = [];
  const bidders = new Map<string, Bidder>();
  // A bid whose sealed identity did not open has no known tenderer.
  const note = (b: MinutesBid | MinutesInvalidBid | MinutesUnconfirmedBid) => {
    const { contractorId } = b;
    if (contractorId === undefined) return [];
    const name = nameOf({ contractorId, contractorName: b.contractorName }, contractors);
    if (!bidders.has(contractorId)) bidders.set(contractorId, { contractorId, name });
    return [contractorReference(contractorId, name)];
  };
  for (const b of first.minutes.bids) {
    const price = priced.get(b.bidId);
    const status = awardedBidIds.has(b.bidId)
      ? 'valid'
      : financial && !priced.has(b.bidId)
        ? 'disqualified'
        : 'pending';
    details.push({
      id: b.bidId,
      date: b.receivedAt,
      status,
      tenderers: note(b),
      ...(price ? { value: ocdsValue(price.amount, price.currency) } : {}),
      relatedLots: [b.lotId],
    });
  }
  for (const b of first.minutes.invalidBids) {
    details.push({
      id: b.bidId,
      ...(b.receivedAt ? { date: b.receivedAt } : {}),
      status: 'disqualified',
      tenderers: note(b),
      relatedLots: [b.lotId],
    });
  }

  const unconfirmed = new Set<string>();
  for (const b of first.minutes.unconfirmedBids ?? []) {
    unconfirmed.add(b.bidId);
    details.push({
      id: b.bidId,
      ...(b.receivedAt ? { date: b.receivedAt } : {}),
      status: 'disqualified',
      tenderers: note(b),
      relatedLots: [b.lotId],
    });
  }

  const date = (financial ?? first).minutes.openedAt;
  const counts = (subset: readonly OcdsBid[], suffix: string, relatedLot?: string): Statistic[] => {
    const lot = relatedLot ? { relatedLot } : {};
    const valid = subset.filter((d) => d.status !== 'disqualified').length;
    return [
      { id: `bids${suffix}`, measure: 'bids', value: subset.length, date, ...lot },
      { id: `validBids${suffix}`, measure: 'validBids', value: valid, date, ...lot },
      {
        id: `disqualifiedBids${suffix}`,
        measure: 'disqualifiedBids',
        value: subset.length - valid,
        date,
        ...lot,
      },
      ...(unconfirmed.size > 0
        ? [
            {
              id: `unconfirmedBids${suffix}`,
              measure: 'unconfirmedBids',
              value: subset.filter((d) => unconfirmed.has(d.id)).length,
              date,
              ...lot,
            },
          ]
        : []),
    ];
  };
  const lotIds = [...new Set(details.flatMap((d) => d.relatedLots))];
  const statistics: Statistic[] = [
    ...counts(details, ''),
    { id: 'bidders', measure: 'bidders', value: bidders.size, date },
    ...lotIds.flatMap((lotId) =>
      counts(
        details.filter((d) => d.relatedLots.includes(lotId)),
        `-${lotId}`,
        lotId,
      ),
    ),
  ];
  return { bids: { statistics, details }, bidders: [...bidders.values()] };
}

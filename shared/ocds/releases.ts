// The OCDS releases of one tender, rebuilt from stored state on every read. Each release is the
// whole process as it stood at that release's date (what a reader could have seen then), so
// merging them in date order gives the current state, and a release never shows a bidder before
// the opening minutes that name it were public.
//
//   tender             publication (revision 1)
//   tenderAmendment    each later revision: an amendment, or a document added after publication
//   tenderCancellation the procuring entity cancelled the published tender
//   tenderUpdate       opening minutes made public (bidders, bids; unsuccessful when too few)
//   award              a lot's award
//   contract           a lot's contract
import type { AwardRecord } from '../awards/award-store.ts';
import type { Revision } from '../tenders/tender-schemas.ts';
import { ocdsValue } from './amount.ts';
import { type BidsSection, bidsSection } from './bids-section.ts';
import type { OcdsTenderStatus } from './codelists.ts';
import { ocidOf, releaseIds } from './identifiers.ts';
import type {
  OcdsAward,
  OcdsContract,
  OcdsDocument,
  Organization,
  Release,
  ReleaseTag,
} from './ocds-schemas.ts';
import { buyerParty, buyerReference, contractorParty, contractorReference } from './parties.ts';
import { planningSection } from './planning-section.ts';
import type { OcdsOptions, OcdsSource, PublicMinutes } from './source.ts';
import { tenderSection } from './tender-section.ts';

const at = (iso: string) => Date.parse(iso);
const phaseOrder = { single: 0, technical: 1, financial: 2 } as const;
const minutesTitles = {
  single: 'Biên bản mở thầu',
  technical: 'Biên bản mở hồ sơ đề xuất kỹ thuật',
  financial: 'Biên bản mở hồ sơ đề xuất tài chính',
} as const;

interface ReleaseEvent {
  readonly id: string;
  readonly date: string;
  readonly tag: ReleaseTag;
}

/** Closed with no bid and declared unsuccessful (shared/tenders/no-bids-rule.ts): a final status, no minutes. */
const declaredWithoutBids = (tender: OcdsSource['tender']) =>
  tender.status === 'unsuccessful' && tender.closedWithoutBidsAt !== undefined;

function events(source: OcdsSource, ocid: string): ReleaseEvent[] {
  const { tender } = source;
  const list: ReleaseEvent[] = source.revisions.map((r) => ({
    id: releaseIds.revision(ocid, r.revision),
    date: r.at,
    tag: r.revision === 1 ? 'tender' : 'tenderAmendment',
  }));
  if (tender.status === 'cancelled' && tender.cancelledAt) {
    list.push({ id: releaseIds.cancellation(ocid), date: tender.cancelledAt, tag: 'tenderCancellation' });
  }
  for (const m of source.minutes) {
    list.push({ id: releaseIds.opening(ocid, m.phase), date: m.publishedAt, tag: 'tenderUpdate' });
  }
  if (declaredWithoutBids(tender)) {
    list.push({ id: releaseIds.unsuccessful(ocid), date: tender.updatedAt, tag: 'tenderUpdate' });
  }
  for (const a of source.awards) {
    list.push({ id: releaseIds.award(ocid, a.awardId), date: a.awardedAt, tag: 'award' });
    if (a.contract) {
      list.push({
        id: releaseIds.contract(ocid, a.contract.contractId),
        date: a.contract.recordedAt,
        tag: 'contract',
      });
    }
  }
  // Stable: on equal instants the order above (the order things happen in) stands.
  return list.sort((x, y) => at(x.date) - at(y.date));
}

function statusAt(
  source: OcdsSource,
  date: number,
  minutes: readonly PublicMinutes[],
  awards: readonly AwardRecord[],
): OcdsTenderStatus {
  const { tender } = source;
  if (tender.status === 'cancelled' && tender.cancelledAt && at(tender.cancelledAt) <= date)
    return 'cancelled';
  if (minutes.at(-1)?.minutes.outcome === 'unsuccessful') return 'unsuccessful';
  if (declaredWithoutBids(tender) && at(tender.updatedAt) <= date) return 'unsuccessful';
  const contracted = (a: AwardRecord) => a.contract !== undefined && at(a.contract.recordedAt) <= date;
  if (tender.status === 'contracted' && awards.length > 0 && source.awards.every(contracted))
    return 'complete';
  return 'active';
}

function extraDocuments(
  source: OcdsSource,
  options: OcdsOptions,
  status: OcdsTenderStatus,
  minutes: readonly PublicMinutes[],
): OcdsDocument[] {
  const { tender } = source;
  const documents: OcdsDocument[] = minutes.map((m) => ({
    id: `minutes-${m.phase}`,
    // "Information on bidders": the signed minutes list every bidder, its bid and its price.
    documentType: 'bidders',
    title: minutesTitles[m.phase],
    url: `${options.baseUrl}/tenders/${tender.tenderId}/minutes`,
    datePublished: m.publishedAt,
    format: 'application/json',
    sha256: m.sha256,
  }));
  if (status === 'cancelled' && tender.cancelledAt) {
    documents.push({
      id: 'cancellation',
      documentType: 'cancellationDetails',
      title: 'Thông báo hủy thầu',
      ...(tender.cancellationReason ? { description: tender.cancellationReason } : {}),
      datePublished: tender.cancelledAt,
    });
  }
  if (status === 'unsuccessful') {
    const last = minutes.at(-1);
    documents.push({
      id: 'unsuccessful',
      documentType: 'unsuccessfulDetails',
      title: 'Thông báo lựa chọn nhà thầu không thành công',
      description:
        tender.unsuccessfulReason ??
        `Số hồ sơ dự thầu hợp lệ ít hơn mức tối thiểu ${last?.minutes.minBids ?? tender.minBids}`,
      ...(last ? { datePublished: last.publishedAt } : {}),
    });
  }
  return documents;
}

function parties(
  source: OcdsSource,
  bids: BidsSection | undefined,
  awards: readonly AwardRecord[],
): Organization[] {
  const suppliers = new Map(awards.map((a) => [a.contractorId, a]));
  const list = [buyerParty(source.tender, source.buyer)];
  const listed = new Set<string>();
  for (const b of bids?.bidders ?? []) {
    listed.add(b.contractorId);
    const roles = suppliers.has(b.contractorId) ? ['tenderer', 'supplier'] : ['tenderer'];
    list.push(contractorParty(b.contractorId, b.name, source.contractors.get(b.contractorId), roles));
  }
  for (const a of suppliers.values()) {
    if (listed.has(a.contractorId)) continue;
    list.push(
      contractorParty(a.contractorId, supplierName(source, a), source.contractors.get(a.contractorId), [
        'supplier',
      ]),
    );
  }
  return list;
}

const supplierName = (source: OcdsSource, a: AwardRecord) =>
  a.contractorName ?? source.contractors.get(a.contractorId)?.name ?? a.contractorId;

function lotTitle(revisions: readonly Revision[], lotId: string): string {
  for (let i = revisions.length - 1; i >= 0; i--) {
    const lot = revisions[i]?.snapshot.lots.find((l) => l.lotId === lotId);
    if (lot) return lot.title;
  }
  return lotId;
}

function awardOf(source: OcdsSource, a: AwardRecord): OcdsAward {
  const reason = a.reason ? `; lý do không chọn hồ sơ xếp hạng cao hơn: ${a.reason}` : '';
  return {
    id: a.awardId,
    title: `Kết quả lựa chọn nhà thầu: ${lotTitle(source.revisions, a.lotId)}`,
    description: `Xếp hạng ${a.rank}; thời gian kiến nghị đến ${a.standstillEndsAt}${reason}`,
    status: 'active',
    date: a.awardedAt,
    value: ocdsValue(a.amount, a.currency),
    suppliers: [contractorReference(a.contractorId, supplierName(source, a))],
    relatedLots: [a.lotId],
    relatedBids: [a.bidId],
  };
}

function contractOf(source: OcdsSource, a: AwardRecord): OcdsContract | undefined {
  const c = a.contract;
  if (!c) return undefined;
  return {
    id: c.contractId,
    awardID: a.awardId,
    title: `Hợp đồng: ${lotTitle(source.revisions, a.lotId)}`,
    status: 'active',
    value: ocdsValue(c.value, c.currency),
    dateSigned: c.signedAt,
    relatedBids: [a.bidId],
  };
}

function releaseAt(source: OcdsSource, options: OcdsOptions, ocid: string, event: ReleaseEvent): Release {
  const date = at(event.date);
  const revisions = source.revisions.filter((r) => at(r.at) <= date);
  const snapshot = revisions.at(-1)?.snapshot ?? source.tender;
  const minutes = source.minutes
    .filter((m) => at(m.publishedAt) <= date)
    .sort((x, y) => phaseOrder[x.phase] - phaseOrder[y.phase]);
  const awards = source.awards.filter((a) => at(a.awardedAt) <= date);
  const contracts = awards.flatMap((a) =>
    a.contract && at(a.contract.recordedAt) <= date ? [contractOf(source, a) as OcdsContract] : [],
  );
  const bids = bidsSection(minutes, new Set(awards.map((a) => a.bidId)), source.contractors);
  const status = statusAt(source, date, minutes, awards);
  const planning = planningSection(source.plan, date, options.baseUrl);
  return {
    ocid,
    id: event.id,
    date: event.date,
    tag: [event.tag],
    initiationType: 'tender',
    language: 'vi',
    parties: parties(source, bids, awards),
    buyer: buyerReference(source.tender),
    ...(planning ? { planning } : {}),
    tender: tenderSection({
      ocid,
      baseUrl: options.baseUrl,
      snapshot,
      revisions,
      status,
      extraDocuments: extraDocuments(source, options, status, minutes),
      ...(bids ? { tenderers: bids.bidders.map((b) => contractorReference(b.contractorId, b.name)) } : {}),
    }),
    ...(bids ? { bids: bids.bids } : {}),
    ...(awards.length > 0 ? { awards: awards.map((a) => awardOf(source, a)) } : {}),
    ...(contracts.length > 0 ? { contracts } : {}),
  };
}

/** Every release of the tender, oldest first; none for a tender that was never published. */
export function buildReleases(source: OcdsSource, options: OcdsOptions): Release[] {
  if (!source.tender.publishedAt || source.revisions.length === 0) return [];
  const ocid = ocidOf(options.prefix, source.tender.tenderId);
  // Awards (and their contracts) in the order they were made, whatever order the table gave.
  const ordered = { ...source, awards: [...source.awards].sort((x, y) => at(x.awardedAt) - at(y.awardedAt)) };
  return events(ordered, ocid).map((event) => releaseAt(ordered, options, ocid, event));
}

// The OCDS `tender` block from one published snapshot of our tender.
import type { Revision, Tender } from '../tenders/tender-schemas.ts';
import { ocdsValue, sumMinor } from './amount.ts';
import {
  awardCriteria,
  awardCriteriaDetails,
  mainProcurementCategory,
  type OcdsTenderStatus,
  procurementMethod,
  procurementMethodDetails,
} from './codelists.ts';
import { releaseIds } from './identifiers.ts';
import type { Amendment, OcdsDocument, OcdsLot, OcdsTender, OrganizationReference } from './ocds-schemas.ts';
import { buyerReference } from './parties.ts';

const fieldNames: Readonly<Record<string, string>> = {
  title: 'tên gói thầu',
  description: 'mô tả',
  category: 'lĩnh vực',
  procurementMethod: 'hình thức lựa chọn nhà thầu',
  envelopeProcedure: 'phương thức',
  currency: 'đồng tiền',
  bidValidityDays: 'hiệu lực hồ sơ dự thầu',
  evaluation: 'phương pháp đánh giá',
  minBids: 'số hồ sơ tối thiểu',
  submissionDeadline: 'thời điểm đóng thầu',
  questionsDeadline: 'hạn hỏi đáp',
  lots: 'các phần (lô)',
  documents: 'hồ sơ mời thầu',
};

/** One entry per amendment (revision 2 on), each naming the releases before and after it. */
export function amendmentsUpTo(ocid: string, revisions: readonly Revision[], upTo: number): Amendment[] {
  return revisions
    .filter((r) => r.revision > 1 && r.revision <= upTo)
    .map((r) => {
      const changed = r.changedFields.map((f) => fieldNames[f] ?? f).join(', ');
      const extended = r.deadlineExtended
        ? `; thời điểm đóng thầu lùi từ ${r.deadlineExtended.from} đến ${r.deadlineExtended.to} (Thông tư 04/2017)`
        : '';
      return {
        id: `rev-${r.revision}`,
        date: r.at,
        ...(r.note ? { rationale: r.note } : {}),
        description: `Sửa đổi: ${changed}${extended}`,
        amendsReleaseID: releaseIds.revision(ocid, r.revision - 1),
        releaseID: releaseIds.revision(ocid, r.revision),
      };
    });
}

export function tenderDocuments(
  snapshot: Tender,
  revisions: readonly Revision[],
  baseUrl: string,
): OcdsDocument[] {
  const publishedAt = new Map(revisions.map((r) => [r.revision, r.at]));
  return snapshot.documents.map((d) => ({
    id: d.documentId,
    documentType: 'biddingDocuments',
    title: d.fileName,
    // The public route answers with a short-lived download URL and the same SHA-256.
    url: `${baseUrl}/tenders/${snapshot.tenderId}/documents/${d.documentId}`,
    datePublished: (d.revision !== undefined ? publishedAt.get(d.revision) : undefined) ?? d.addedAt,
    format: d.contentType,
    sha256: d.sha256,
  }));
}

/**
 * Lots of the snapshot, then lots an earlier revision published and an amendment dropped: those
 * stay, as cancelled, because merging releases keeps every array entry it has ever seen.
 */
export function lotsOf(snapshot: Tender, earlier: readonly Revision[]): OcdsLot[] {
  const lot = (l: Tender['lots'][number], currency: string) => ({
    id: l.lotId,
    title: l.title,
    ...(l.description ? { description: l.description } : {}),
    value: ocdsValue(l.estimatedValue, currency),
  });
  const current = snapshot.lots.map((l) => lot(l, snapshot.currency));
  const present = new Set(snapshot.lots.map((l) => l.lotId));
  const dropped = new Map<string, OcdsLot>();
  for (const r of earlier) {
    for (const l of r.snapshot.lots) {
      if (!present.has(l.lotId)) {
        dropped.set(l.lotId, { ...lot(l, r.snapshot.currency), status: 'cancelled' });
      }
    }
  }
  return [...current, ...dropped.values()];
}

export interface TenderSectionInput {
  readonly ocid: string;
  readonly baseUrl: string;
  readonly snapshot: Tender;
  /** Revisions published up to the snapshot, in order. */
  readonly revisions: readonly Revision[];
  readonly status: OcdsTenderStatus;
  readonly extraDocuments: readonly OcdsDocument[];
  /** Present only once the opening minutes are public. */
  readonly tenderers?: readonly OrganizationReference[];
}

export function tenderSection(input: TenderSectionInput): OcdsTender {
  const { snapshot: t, revisions } = input;
  const publishedAt = t.publishedAt ?? revisions[0]?.at;
  const period = (endDate: string) => ({ ...(publishedAt ? { startDate: publishedAt } : {}), endDate });
  const amendments = amendmentsUpTo(input.ocid, revisions, t.revision);
  const documents = [...tenderDocuments(t, revisions, input.baseUrl), ...input.extraDocuments];
  return {
    id: t.tenderId,
    title: t.title,
    description: t.description,
    status: input.status,
    procuringEntity: buyerReference(t),
    value: ocdsValue(sumMinor(t.lots.map((l) => l.estimatedValue)), t.currency),
    procurementMethod: procurementMethod(t),
    procurementMethodDetails: procurementMethodDetails(t),
    mainProcurementCategory: mainProcurementCategory(t),
    awardCriteria: awardCriteria(t),
    awardCriteriaDetails: awardCriteriaDetails(t),
    submissionMethod: ['electronicSubmission'],
    submissionMethodDetails:
      'Nộp hồ sơ dự thầu qua mạng: hồ sơ được mã hóa, niêm phong và chỉ mở sau thời điểm đóng thầu',
    tenderPeriod: period(t.submissionDeadline),
    enquiryPeriod: period(t.questionsDeadline),
    ...(input.tenderers
      ? { numberOfTenderers: input.tenderers.length, tenderers: [...input.tenderers] }
      : {}),
    ...(documents.length > 0 ? { documents } : {}),
    ...(amendments.length > 0 ? { amendments } : {}),
    lots: lotsOf(t, revisions),
  };
}

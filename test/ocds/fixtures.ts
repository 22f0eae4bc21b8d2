// Stored-state builders for the pure mapping tests: a tender as the tenders table holds it, its
// revisions, opening minutes as the opener signs them, awards as the awards function stores them.
import type { AwardRecord } from '../../shared/awards/award-store.ts';
import type { OcdsSource, PublicMinutes } from '../../shared/ocds/source.ts';
import type { Minutes, MinutesBid, MinutesInvalidBid } from '../../shared/opening/minutes-schema.ts';
import type { Organisation } from '../../shared/organisations/organisation-schemas.ts';
import type { Revision, Tender } from '../../shared/tenders/tender-schemas.ts';

export const ids = {
  tender: '01JTENDER00000000000000001',
  org: '01JORG0000000000000000000A',
  lot1: '01JLOT00000000000000000001',
  lot2: '01JLOT00000000000000000002',
  lot3: '01JLOT00000000000000000003',
  doc1: '01JDOC00000000000000000001',
  alpha: '01JALPHA000000000000000001',
  beta: '01JBETA0000000000000000001',
  gamma: '01JGAMMA000000000000000001',
};

export const options = { prefix: 'ocds-eproc01', baseUrl: 'https://api.eproc.example' };
export const ocid = `ocds-eproc01-${ids.tender}`;

export const organisation: Organisation = {
  organisationId: ids.org,
  name: 'Sở Giáo dục và Đào tạo Hà Nội',
  code: '1012345',
  address: { street: '23 Quang Trung', district: 'Hoàn Kiếm', province: 'Hà Nội', country: 'VN' },
  contact: { name: 'Phòng Kế hoạch - Tài chính', email: 'khtc@hanoi.edu.vn', phone: '+84 24 3942 5555' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

export function publishedTender(overrides: Partial<Tender> = {}): Tender {
  return {
    tenderId: ids.tender,
    title: 'Mua sắm máy tính cho các trường THPT',
    description: 'Cung cấp và lắp đặt máy tính để bàn cho 12 trường.',
    category: 'goods',
    procurementMethod: 'open',
    envelopeProcedure: 'one-envelope',
    biddingScope: 'domestic',
    lots: [
      {
        lotId: ids.lot1,
        title: 'Lô 1: máy tính',
        estimatedValue: 2_000_000_000,
        bidSecurityAmount: 30_000_000,
      },
      {
        lotId: ids.lot2,
        title: 'Lô 2: máy chiếu',
        estimatedValue: 500_000_000,
        bidSecurityAmount: 7_500_000,
      },
    ],
    currency: 'VND',
    bidValidityDays: 120,
    evaluation: { method: 'lowest-price' },
    minBids: 1,
    submissionDeadline: '2026-03-01T03:00:00.000Z',
    questionsDeadline: '2026-02-20T03:00:00.000Z',
    buyer: ids.org,
    buyerName: organisation.name,
    status: 'published',
    version: 2,
    revision: 1,
    documents: [
      {
        documentId: ids.doc1,
        fileName: 'HSMT.pdf',
        contentType: 'application/pdf',
        size: 1234,
        sha256: 'a'.repeat(64),
        addedAt: '2026-01-05T01:00:00.000Z',
        revision: 1,
      },
    ],
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-10T02:00:00.000Z',
    publishedAt: '2026-01-10T02:00:00.000Z',
    ...overrides,
  };
}

export const publication = (tender: Tender): Revision => ({
  revision: 1,
  kind: 'publication',
  at: tender.publishedAt as string,
  changedFields: [],
  snapshot: tender,
});

export function amendment(previous: Tender, at: string, changes: Partial<Tender>, note: string): Revision {
  const snapshot: Tender = {
    ...previous,
    ...changes,
    revision: previous.revision + 1,
    version: previous.version + 1,
    updatedAt: at,
  };
  return {
    revision: snapshot.revision,
    kind: 'amendment',
    at,
    note,
    changedFields: Object.keys(changes),
    snapshot,
  };
}

export const minutesBid = (
  bidId: string,
  contractorId: string,
  lotId: string,
  price?: string,
  name?: string,
): MinutesBid => ({
  bidId,
  version: 1,
  lotId,
  bidderRef: `ref-${contractorId}`,
  contractorId,
  ...(name ? { contractorName: name } : {}),
  receivedAt: '2026-02-27T09:00:00.000Z',
  envelopeSha256: 'b'.repeat(64),
  ...(price ? { price: { amount: price, currency: 'VND' } } : {}),
  documents: [],
});

export function minutes(
  tender: Tender,
  phase: Minutes['phase'],
  bids: MinutesBid[],
  invalidBids: MinutesInvalidBid[] = [],
  outcome: Minutes['outcome'] = 'opened',
  publishedAt = '2026-03-01T03:05:00.000Z',
): PublicMinutes {
  return {
    phase,
    publishedAt,
    sha256: 'c'.repeat(64),
    minutes: {
      format: 'eproc-opening-minutes-v1',
      tenderId: tender.tenderId,
      title: tender.title,
      buyer: tender.buyer,
      buyerName: tender.buyerName,
      phase,
      envelopeProcedure: tender.envelopeProcedure,
      submissionDeadline: tender.submissionDeadline,
      openedAt: publishedAt.replace('05:00', '04:00'),
      openingKeyId: 'key',
      currency: tender.currency,
      minBids: tender.minBids,
      lots: [],
      bids,
      invalidBids,
      outcome,
      auditCheckpoint: null,
    },
  };
}

export function award(
  lotId: string,
  bidId: string,
  contractorId: string,
  amount: string,
  awardedAt: string,
  contract?: { contractId: string; value: string; recordedAt: string },
): AwardRecord {
  return {
    tenderId: ids.tender,
    lotId,
    awardId: `01JAWARD${lotId.slice(-18)}`,
    bidId,
    contractorId,
    rank: 1,
    amount,
    currency: 'VND',
    awardedAt,
    awardedBy: 'pe-user',
    standstillEndsAt: '2026-03-20T03:00:00.000Z',
    status: contract ? 'contracted' : 'active',
    ...(contract
      ? {
          contract: {
            contractId: contract.contractId,
            value: contract.value,
            currency: 'VND',
            signedAt: contract.recordedAt,
            recordedAt: contract.recordedAt,
            recordedBy: 'pe-user',
          },
        }
      : {}),
    version: 1,
  };
}

export function source(tender: Tender, revisions: Revision[], more: Partial<OcdsSource> = {}): OcdsSource {
  return {
    tender,
    revisions,
    buyer: organisation,
    minutes: [],
    contractors: new Map([
      [
        ids.alpha,
        { contractorId: ids.alpha, name: 'Công ty Alpha', enterpriseCode: '0101234567', province: 'Hà Nội' },
      ],
      [
        ids.beta,
        { contractorId: ids.beta, name: 'Công ty Beta', enterpriseCode: '0107654321', province: 'Hải Phòng' },
      ],
      [
        ids.gamma,
        {
          contractorId: ids.gamma,
          name: 'Công ty Gamma',
          enterpriseCode: '0301112223',
          province: 'TP Hồ Chí Minh',
        },
      ],
    ]),
    awards: [],
    ...more,
  };
}

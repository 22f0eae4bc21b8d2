// Our vocabulary mapped to OCDS 1.1 codelists, with the Vietnamese legal terms kept in the
// `...Details` fields so that nothing the law distinguishes is lost in the mapping.
import type { EvaluationMethod } from '../evaluation/schema.ts';
import type { Tender } from '../tenders/tender-schemas.ts';

export type OcdsTenderStatus = 'active' | 'cancelled' | 'unsuccessful' | 'complete';

/**
 * tenderStatus (closed codelist). A published tender stays `active` through closing, opening,
 * evaluation and the award's standstill (an upheld complaint can still change the award); it is
 * `complete` once every awarded lot has its contract. Drafts are never published, so have no code.
 */
export function tenderStatus(status: Tender['status']): OcdsTenderStatus {
  switch (status) {
    case 'cancelled':
      return 'cancelled';
    case 'unsuccessful':
      return 'unsuccessful';
    case 'contracted':
      return 'complete';
    case 'draft':
      throw new Error('a draft tender has no OCDS status: it is not public');
    default:
      return 'active';
  }
}

/**
 * procurementMethod (closed codelist: open, selective, limited, direct). Law on Bidding 2023:
 * open bidding (Art. 21) and competitive shopping (Art. 24) are announced publicly and any eligible
 * contractor may bid, so both are `open`; limited bidding (Art. 22) invites only contractors who
 * meet the requirements, which OCDS calls `selective`.
 */
const methods = {
  open: { code: 'open', vi: 'Đấu thầu rộng rãi' },
  limited: { code: 'selective', vi: 'Đấu thầu hạn chế' },
  'competitive-shopping': { code: 'open', vi: 'Chào hàng cạnh tranh' },
} as const satisfies Record<Tender['procurementMethod'], { code: string; vi: string }>;

const envelopes = {
  'one-envelope': 'một giai đoạn một túi hồ sơ',
  'two-envelope': 'một giai đoạn hai túi hồ sơ',
} as const satisfies Record<Tender['envelopeProcedure'], string>;

export const procurementMethod = (t: Pick<Tender, 'procurementMethod'>) => methods[t.procurementMethod].code;

/** e.g. "Đấu thầu rộng rãi, một giai đoạn hai túi hồ sơ". */
export const procurementMethodDetails = (t: Pick<Tender, 'procurementMethod' | 'envelopeProcedure'>) =>
  `${methods[t.procurementMethod].vi}, ${envelopes[t.envelopeProcedure]}`;

/** mainProcurementCategory (closed: goods, works, services): consulting and non-consulting are services. */
const categories = {
  goods: 'goods',
  works: 'works',
  'non-consulting': 'services',
  consulting: 'services',
} as const satisfies Record<Tender['category'], 'goods' | 'works' | 'services'>;

export const mainProcurementCategory = (t: Pick<Tender, 'category'>) => categories[t.category];

/**
 * awardCriteria (open codelist; 1.1 codes priceOnly, costOnly, qualityOnly, ratedCriteria).
 * Evaluated price adds life-cycle costs to the price, hence costOnly; the combined technical-price
 * method is a weighted score, which 1.1 calls ratedCriteria (there is no qualityAndCost code in
 * 1.1.5), with the weights in awardCriteriaDetails.
 */
const criteria = {
  'lowest-price': { code: 'priceOnly', vi: 'Phương pháp giá thấp nhất' },
  'evaluated-price': { code: 'costOnly', vi: 'Phương pháp giá đánh giá' },
  combined: { code: 'ratedCriteria', vi: 'Phương pháp kết hợp giữa kỹ thuật và giá' },
  'technical-score': { code: 'qualityOnly', vi: 'Phương pháp dựa trên kỹ thuật' },
} as const satisfies Record<EvaluationMethod, { code: string; vi: string }>;

export const awardCriteria = (t: Pick<Tender, 'evaluation'>) => criteria[t.evaluation.method].code;

/** e.g. "Phương pháp kết hợp giữa kỹ thuật và giá: kỹ thuật 70 %, giá 30 %; điểm kỹ thuật tối thiểu 60". */
export function awardCriteriaDetails(t: Pick<Tender, 'evaluation'>): string {
  const e = t.evaluation;
  const parts: string[] = [];
  if (e.technicalWeight !== undefined && e.priceWeight !== undefined) {
    parts.push(`kỹ thuật ${e.technicalWeight} %, giá ${e.priceWeight} %`);
  }
  if (e.minTechnicalScore !== undefined) parts.push(`điểm kỹ thuật tối thiểu ${e.minTechnicalScore}/100`);
  const name = criteria[e.method].vi;
  return parts.length > 0 ? `${name}: ${parts.join('; ')}` : name;
}

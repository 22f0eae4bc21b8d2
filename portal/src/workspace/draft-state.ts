// The draft form's state (text as typed) and the request body it becomes: amounts as integer
// VND, date-times as UTC instants; a field left empty is left out, for the API to name it.
import type { Tender, TenderCreate } from './api';
import { instantOrText, toHanoiText } from './time';

export const evaluationMethods = ['lowest-price', 'evaluated-price', 'combined', 'technical-score'] as const;

export interface LotState {
  readonly lotId?: string;
  readonly title: string;
  readonly description: string;
  readonly estimatedValue: string;
  readonly bidSecurityAmount: string;
}

export interface DraftState {
  readonly procurementMethod: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly envelopeProcedure: string;
  readonly biddingScope: string;
  readonly bidValidityDays: string;
  readonly minBids: string;
  readonly method: string;
  readonly technicalWeight: string;
  readonly priceWeight: string;
  readonly minTechnicalScore: string;
  readonly lots: readonly LotState[];
  readonly submissionDeadline: string;
  readonly questionsDeadline: string;
}

export const emptyLot: LotState = { title: '', description: '', estimatedValue: '', bidSecurityAmount: '' };

export const emptyDraft: DraftState = {
  procurementMethod: 'open',
  title: '',
  description: '',
  category: 'goods',
  envelopeProcedure: 'one-envelope',
  biddingScope: 'domestic',
  bidValidityDays: '120',
  minBids: '1',
  method: 'lowest-price',
  technicalWeight: '',
  priceWeight: '',
  minTechnicalScore: '',
  lots: [emptyLot],
  submissionDeadline: '',
  questionsDeadline: '',
};

export function draftFrom(t: Tender): DraftState {
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    procurementMethod: t.procurementMethod,
    title: t.title,
    description: t.description,
    category: t.category,
    envelopeProcedure: t.envelopeProcedure,
    biddingScope: t.biddingScope ?? 'domestic',
    bidValidityDays: String(t.bidValidityDays),
    minBids: String(t.minBids),
    method: t.evaluation.method,
    technicalWeight: n(t.evaluation.technicalWeight),
    priceWeight: n(t.evaluation.priceWeight),
    minTechnicalScore: n(t.evaluation.minTechnicalScore),
    lots: t.lots.map((lot) => ({
      lotId: lot.lotId,
      title: lot.title,
      description: lot.description ?? '',
      estimatedValue: String(lot.estimatedValue),
      bidSecurityAmount: String(lot.bidSecurityAmount),
    })),
    submissionDeadline: toHanoiText(t.submissionDeadline),
    questionsDeadline: toHanoiText(t.questionsDeadline),
  };
}

/** Digits typed with or without grouping ("4.500.000.000", "4 500 000 000") as a whole number. */
export function wholeNumber(text: string): number | undefined {
  const digits = text.replace(/[\s.,_\u00a0]/g, '');
  if (digits === '') return undefined;
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined || (typeof value === 'string' && value.trim() === '')
    ? {}
    : { [key]: value }) as Partial<Record<K, V>>;

/** The body of POST /tenders (and, with lotIds, PATCH): what the API validates, field by field. */
export function draftBody(s: DraftState): TenderCreate {
  const combined = s.method === 'combined';
  const scored = combined || s.method === 'technical-score';
  return {
    ...optional('title', s.title),
    ...optional('description', s.description),
    category: s.category,
    procurementMethod: s.procurementMethod,
    envelopeProcedure: s.envelopeProcedure,
    biddingScope: s.biddingScope,
    currency: 'VND',
    ...optional('bidValidityDays', wholeNumber(s.bidValidityDays)),
    ...optional('minBids', wholeNumber(s.minBids)),
    evaluation: {
      method: s.method,
      ...(combined ? optional('technicalWeight', wholeNumber(s.technicalWeight)) : {}),
      ...(combined ? optional('priceWeight', wholeNumber(s.priceWeight)) : {}),
      ...(scored ? optional('minTechnicalScore', wholeNumber(s.minTechnicalScore)) : {}),
    },
    lots: s.lots.map((lot) => ({
      ...optional('lotId', lot.lotId),
      ...optional('title', lot.title),
      ...optional('description', lot.description),
      ...optional('estimatedValue', wholeNumber(lot.estimatedValue)),
      ...optional('bidSecurityAmount', wholeNumber(lot.bidSecurityAmount)),
    })),
    ...optional('submissionDeadline', instantOrText(s.submissionDeadline)),
    ...optional('questionsDeadline', instantOrText(s.questionsDeadline)),
  } as TenderCreate;
}

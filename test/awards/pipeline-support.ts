// Drives a tender from publication through opening to a ranking, as the people involved would:
// bids sealed before the deadline, then evaluators' entries and the ranking request over HTTP.
import { expect } from 'vitest';
import {
  type Bidder,
  bidder,
  passDeadline,
  priceForm,
  publicMinutes,
  storedMeta,
  submitBid,
  until,
} from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { dayMs, deadlines, type Entity, ifMatch, publishedTender } from '../tenders/fixtures.ts';

export interface PlannedBid {
  readonly key: string;
  readonly price: number;
  readonly discount?: Record<string, unknown>;
  /** Two envelopes: the price goes into the financial envelope. */
  readonly twoEnvelope?: boolean;
}

export interface OpenedTender {
  readonly tenderId: string;
  readonly lotId: string;
  readonly version: number;
  /** Plan key → bid id and bidder. */
  readonly bids: Record<string, { bidId: string; bidder: Bidder }>;
}

/**
 * Publishes a one-lot tender closing in 30 days, seals the planned bids, moves the clock past the
 * deadline and waits for the minutes.
 */
export async function openTenderWith(
  cloud: TestCloud,
  entity: Entity,
  overrides: Record<string, unknown>,
  planned: readonly PlannedBid[],
): Promise<OpenedTender> {
  const tender = await publishedTender(cloud, entity, {
    ...deadlines(30 * dayMs),
    lots: [{ title: 'Lô 1', estimatedValue: 2_000_000_000, bidSecurityAmount: 30_000_000 }],
    ...overrides,
  });
  const lotId = tender.lots[0].lotId as string;
  const bids: OpenedTender['bids'] = {};
  for (const plan of planned) {
    const who = await bidder(`Công ty ${plan.key}`);
    const form = priceForm(plan.price, plan.discount ? { discount: plan.discount } : {});
    const { currency, price, discount, ...technical } = form as Record<string, unknown>;
    const record = await submitBid({
      tenderId: tender.tenderId,
      lotId,
      bidder: who,
      ...(plan.twoEnvelope
        ? { form: technical, financial: { currency, price, ...(discount ? { discount } : {}) } }
        : { form }),
    });
    bids[plan.key] = { bidId: record.bidId, bidder: who };
  }
  await passDeadline(cloud, tender);
  await publicMinutes(cloud, tender.tenderId);
  await until(
    () => storedMeta(tender.tenderId),
    (m) => m.status === 'evaluating',
  );
  return { tenderId: tender.tenderId, lotId, version: tender.version, bids };
}

/** If-Match for an evaluation write: the ETag of the evaluation as its procuring entity reads it now. */
export async function evaluationMatch(cloud: TestCloud, token: string, tenderId: string) {
  const read = await cloud.call('GET', `/entity/tenders/${tenderId}/evaluation`, { token });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return { 'if-match': read.headers.get('etag') as string };
}

/** If-Match for an award, contract or complaint write: the ETag of the tender as it reads now. */
export async function tenderMatch(cloud: TestCloud, tenderId: string) {
  const read = await cloud.call('GET', `/tenders/${tenderId}`);
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return { 'if-match': read.headers.get('etag') as string };
}

export async function verdict(
  cloud: TestCloud,
  token: string,
  tenderId: string,
  bidId: string,
  criterion: string,
  pass: boolean,
  reason?: string,
) {
  const response = await cloud.call(
    'PUT',
    `/tenders/${tenderId}/evaluation/bids/${bidId}/eligibility/${criterion}`,
    {
      token,
      headers: await evaluationMatch(cloud, token, tenderId),
      body: { pass, ...(reason ? { reason } : {}) },
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

export async function score(
  cloud: TestCloud,
  token: string,
  tenderId: string,
  bidId: string,
  criterion: string,
  points: number,
  outOf: number,
) {
  const response = await cloud.call(
    'PUT',
    `/tenders/${tenderId}/evaluation/bids/${bidId}/technical-scores/${criterion}`,
    {
      token,
      headers: await evaluationMatch(cloud, token, tenderId),
      body: { points, outOf },
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export async function adjust(
  cloud: TestCloud,
  token: string,
  tenderId: string,
  bidId: string,
  label: string,
  amount: number,
) {
  const response = await cloud.call(
    'PUT',
    `/tenders/${tenderId}/evaluation/bids/${bidId}/adjustments/${label}`,
    {
      token,
      headers: await evaluationMatch(cloud, token, tenderId),
      body: { amount },
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** Asks for the ranking and waits for the pipeline to store the report; returns it. */
export async function rank(cloud: TestCloud, token: string, tenderId: string) {
  const requested = await cloud.call('POST', `/tenders/${tenderId}/evaluation/ranking`, {
    token,
    headers: await evaluationMatch(cloud, token, tenderId),
  });
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const state = await until(
    () => cloud.call('GET', `/entity/tenders/${tenderId}/evaluation`, { token }),
    (r) => r.body?.stage === 'ranked' && r.body?.requestId === requested.body.requestId,
  );
  expect(state.body.stage).toBe('ranked');
  const report = await cloud.call('GET', `/entity/tenders/${tenderId}/evaluation/report`, { token });
  expect(report.status).toBe(200);
  return report.body.document as { input: any; report: any; requestId: string };
}

/** The ranked plan keys of the lot, best first. */
export function rankedKeys(document: { report: any }, opened: OpenedTender): string[] {
  const byBid = new Map(Object.entries(opened.bids).map(([key, b]) => [b.bidId, key]));
  return document.report.steps.ranking[0].ranked.map((r: any) => byBid.get(r.bidId));
}

export { ifMatch };

// Refusals on the evaluation and award routes: who may call them, bad input named by field, and
// entries that do not belong to the tender's method. Each refusal changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../shared/runtime/clock.ts';
import { startOwnCloud, storedMeta } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { type OpenedTender, openTenderWith } from './pipeline-support.ts';

let cloud: TestCloud;
let owner: Entity;
let other: Entity;
let contractor: string;
let t: OpenedTender;

beforeAll(async () => {
  cloud = await startOwnCloud();
  [owner, other] = [await procuringEntity(cloud), await procuringEntity(cloud)];
  contractor = await cloud.token(`contractor-${crypto.randomUUID()}`, 'contractor');
  t = await openTenderWith(cloud, owner, { evaluation: { method: 'lowest-price' } }, [
    { key: 'A', price: 900_000_000 },
    { key: 'B', price: 950_000_000 },
  ]);
});
afterAll(() => cloud?.stop());

const fields = (body: any) => (body.errors ?? []).map((e: any) => e.field);

describe('evaluation and award refusals', () => {
  it('lets only the owning procuring entity evaluate and award', async () => {
    const bidId = t.bids.A?.bidId as string;
    const path = `/tenders/${t.tenderId}/evaluation/bids/${bidId}/eligibility/legal-status`;
    const body = { pass: true };
    expect((await cloud.call('PUT', path, { token: other.token, body })).status).toBe(403);
    expect((await cloud.call('PUT', path, { token: contractor, body })).status).toBe(403);
    expect((await cloud.call('PUT', path, { body })).status).toBe(401);
    expect(
      (await cloud.call('GET', `/entity/tenders/${t.tenderId}/evaluation`, { token: other.token })).status,
    ).toBe(403);
    const award = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: other.token,
      body: { bidId },
    });
    expect(award.status).toBe(403);
    const state = await cloud.call('GET', `/entity/tenders/${t.tenderId}/evaluation`, { token: owner.token });
    expect(state.body.bids.every((b: any) => b.eligibility.length === 0)).toBe(true);
  });

  it('names the bad field of an entry, and refuses entries the method does not take', async () => {
    const bidId = t.bids.A?.bidId as string;
    const base = `/tenders/${t.tenderId}/evaluation/bids/${bidId}`;
    const noReason = await cloud.call('PUT', `${base}/eligibility/bid-security`, {
      token: owner.token,
      body: { pass: false },
    });
    expect(noReason.status).toBe(400);
    expect(fields(noReason.body)).toEqual(['body.reason']);
    const badCriterion = await cloud.call('PUT', `${base}/eligibility/Bid%20Security`, {
      token: owner.token,
      body: { pass: true },
    });
    expect(badCriterion.status).toBe(400);
    expect(fields(badCriterion.body)).toEqual(['path.criterion']);
    const unknown = await cloud.call('PUT', `${base}/eligibility/legal-status`, {
      token: owner.token,
      body: { pass: true, score: 3 },
    });
    expect(unknown.status).toBe(400);
    expect(fields(unknown.body)[0]).toMatch(/^body\.score/);
    const score = await cloud.call('PUT', `${base}/technical-scores/method`, {
      token: owner.token,
      body: { points: 5, outOf: 10 },
    });
    expect(score.status).toBe(409);
    const adjustment = await cloud.call('PUT', `${base}/adjustments/life-cycle-cost`, {
      token: owner.token,
      body: { amount: 1 },
    });
    expect(adjustment.status).toBe(409);
    const stranger = await cloud.call(
      'PUT',
      `/tenders/${t.tenderId}/evaluation/bids/01ARZ3NDEKTSV4RRFFQ69G5FAV/eligibility/legal-status`,
      {
        token: owner.token,
        body: { pass: true },
      },
    );
    expect(stranger.status).toBe(404);
  });

  it('refuses a ranking before every bid has its eligibility verdicts, naming the bid', async () => {
    const response = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/ranking`, {
      token: owner.token,
    });
    expect(response.status).toBe(422);
    expect(fields(response.body)).toEqual(
      expect.arrayContaining([
        `evaluation.bids.${t.bids.A?.bidId}.eligibility`,
        `evaluation.bids.${t.bids.B?.bidId}.eligibility`,
      ]),
    );
    expect((await storedMeta(t.tenderId)).status).toBe('evaluating');
    const twoEnvelopeOnly = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/technical-approval`, {
      token: owner.token,
      body: { compliantBidIds: [] },
    });
    expect(twoEnvelopeOnly.status).toBe(409);
  });

  it('keeps complaints and contracts to awarded lots', async () => {
    const complaint = await cloud.call('POST', `/tenders/${t.tenderId}/complaints`, {
      token: await cloud.token(t.bids.B?.bidder.sub as string, 'contractor'),
      body: { lotId: t.lotId, text: 'Chưa có kết quả' },
    });
    expect(complaint.status).toBe(404);
    const contract = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: owner.token,
      body: { value: '1', signedAt: clock.iso() },
    });
    expect(contract.status).toBe(404);
    const badValue = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: owner.token,
      body: { value: -5, signedAt: 'yesterday' },
    });
    expect(badValue.status).toBe(400);
    expect(fields(badValue.body).sort()).toEqual(['body.signedAt', 'body.value']);
  });
});

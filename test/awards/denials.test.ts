// Refusals on the evaluation and award routes: who may call them, bad input named by field, and
// entries that do not belong to the tender's method. Each refusal changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../shared/runtime/clock.ts';
import { startOwnCloud, storedMeta } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { evaluationMatch, type OpenedTender, openTenderWith, tenderMatch } from './pipeline-support.ts';

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
    // With the evaluation's current ETag, so that only who is asking is wrong.
    const headers = await evaluationMatch(cloud, owner.token, t.tenderId);
    expect((await cloud.call('PUT', path, { token: other.token, body, headers })).status).toBe(403);
    expect((await cloud.call('PUT', path, { token: contractor, body, headers })).status).toBe(403);
    expect((await cloud.call('PUT', path, { body })).status).toBe(401);
    expect(
      (await cloud.call('GET', `/entity/tenders/${t.tenderId}/evaluation`, { token: other.token })).status,
    ).toBe(403);
    const award = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: other.token,
      headers: await tenderMatch(cloud, t.tenderId),
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
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { pass: false },
    });
    expect(noReason.status).toBe(400);
    expect(fields(noReason.body)).toEqual(['body.reason']);
    const badCriterion = await cloud.call('PUT', `${base}/eligibility/Bid%20Security`, {
      token: owner.token,
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { pass: true },
    });
    expect(badCriterion.status).toBe(400);
    expect(fields(badCriterion.body)).toEqual(['path.criterion']);
    const unknown = await cloud.call('PUT', `${base}/eligibility/legal-status`, {
      token: owner.token,
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { pass: true, score: 3 },
    });
    expect(unknown.status).toBe(400);
    expect(fields(unknown.body)[0]).toMatch(/^body\.score/);
    const score = await cloud.call('PUT', `${base}/technical-scores/method`, {
      token: owner.token,
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { points: 5, outOf: 10 },
    });
    expect(score.status).toBe(409);
    const adjustment = await cloud.call('PUT', `${base}/adjustments/life-cycle-cost`, {
      token: owner.token,
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { amount: 1 },
    });
    expect(adjustment.status).toBe(409);
    const stranger = await cloud.call(
      'PUT',
      `/tenders/${t.tenderId}/evaluation/bids/01ARZ3NDEKTSV4RRFFQ69G5FAV/eligibility/legal-status`,
      {
        token: owner.token,
        headers: await evaluationMatch(cloud, owner.token, t.tenderId),
        body: { pass: true },
      },
    );
    expect(stranger.status).toBe(404);
  });

  it('refuses a ranking before every bid has its eligibility verdicts, naming the bid', async () => {
    const response = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/ranking`, {
      token: owner.token,
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
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
      headers: await evaluationMatch(cloud, owner.token, t.tenderId),
      body: { compliantBidIds: [] },
    });
    expect(twoEnvelopeOnly.status).toBe(409);
  });

  it('keeps complaints and contracts to awarded lots', async () => {
    const complaint = await cloud.call('POST', `/tenders/${t.tenderId}/complaints`, {
      token: await cloud.token(t.bids.B?.bidder.sub as string, 'contractor'),
      headers: await tenderMatch(cloud, t.tenderId),
      body: { lotId: t.lotId, text: 'Chưa có kết quả' },
    });
    expect(complaint.status).toBe(404);
    const contract = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: owner.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: '1', signedAt: clock.iso() },
    });
    expect(contract.status).toBe(404);
    const badValue = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: owner.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: -5, signedAt: 'yesterday' },
    });
    expect(badValue.status).toBe(400);
    expect(fields(badValue.body).sort()).toEqual(['body.signedAt', 'body.value']);
  });

  it('needs If-Match on evaluation, award and complaint writes: 428 without it, 412 with a stale one', async () => {
    const bidId = t.bids.A?.bidId as string;
    const entry = `/tenders/${t.tenderId}/evaluation/bids/${bidId}/eligibility/experience`;
    const complainant = await cloud.token(t.bids.B?.bidder.sub as string, 'contractor');
    const writes: [string, string, string, unknown][] = [
      ['PUT', entry, owner.token, { pass: true }],
      ['POST', `/tenders/${t.tenderId}/evaluation/ranking`, owner.token, undefined],
      ['POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, owner.token, { bidId }],
      [
        'POST',
        `/tenders/${t.tenderId}/lots/${t.lotId}/contract`,
        owner.token,
        { value: '1', signedAt: clock.iso() },
      ],
      ['POST', `/tenders/${t.tenderId}/complaints`, complainant, { lotId: t.lotId, text: 'Khiếu nại' }],
      [
        'POST',
        `/tenders/${t.tenderId}/complaints/01ARZ3NDEKTSV4RRFFQ69G5FAV/answer`,
        owner.token,
        { answer: 'Không', upheld: false },
      ],
    ];
    for (const [method, path, token, body] of writes) {
      const bare = await cloud.call(method, path, { token, ...(body ? { body } : {}) });
      expect(bare.status, `${method} ${path}`).toBe(428);
      expect(bare.body.code).toBe('PRECONDITION_REQUIRED');
    }
    // Stale: the evaluation moved on after it was read (one entry), the tender is past version 1.
    const read = await evaluationMatch(cloud, owner.token, t.tenderId);
    const first = await cloud.call('PUT', entry, { token: owner.token, headers: read, body: { pass: true } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    const stale = await cloud.call('PUT', entry, {
      token: owner.token,
      headers: read,
      body: { pass: false, reason: 'x' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe(first.headers.get('etag'));
    const kept = await cloud.call('GET', `/entity/tenders/${t.tenderId}/evaluation`, { token: owner.token });
    expect(kept.body.bids.find((b: any) => b.bidId === bidId).eligibility).toEqual([
      expect.objectContaining({ criterion: 'experience', pass: true }),
    ]);
    const current = await tenderMatch(cloud, t.tenderId);
    expect(current['if-match']).not.toBe('"1"');
    for (const [method, path, token, body] of writes.slice(2)) {
      const old = await cloud.call(method, path, { token, headers: { 'if-match': '"1"' }, body });
      expect(old.status, `${method} ${path}`).toBe(412);
      expect(old.headers.get('etag')).toBe(current['if-match']);
    }
    expect((await storedMeta(t.tenderId)).status).toBe('evaluating');
  });
});

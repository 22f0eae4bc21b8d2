// Award, standstill, complaints and contract, and who hears of them: through the HTTP API, on a
// tender opened and ranked by the pipeline.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.ts';
import { awardEntity } from '../../shared/entities/tenders.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { startOwnCloud, storedMeta, tenderEvents, until } from '../opening/support.ts';
import { testPeriodAcceleration } from '../support/acceleration.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { openTenderWith, rank, tenderMatch, verdict } from './pipeline-support.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

/**
 * Holds a standstill open as the law's 10 days would: the test run accelerates every period
 * (test/support/acceleration.ts), so the window itself closes within a second.
 */
async function holdStandstill(tenderId: string, lotId: string) {
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: awardEntity.key({ tenderId, lotId }),
      UpdateExpression: 'SET standstillEndsAt = :t',
      ExpressionAttributeValues: { ':t': new Date(clock.nowMs() + 10 * 86_400_000).toISOString() },
    }),
  );
}

/** Ends a standstill: the clock moves past its end, as the passing of its days would. */
async function endStandstill(tenderId: string, lotId: string) {
  const award = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: awardEntity.key({ tenderId, lotId }),
      ConsistentRead: true,
    }),
  );
  await cloud.clock.set(new Date(Date.parse(award.Item?.standstillEndsAt) + 1000).toISOString());
}

describe('award, standstill, complaints, contract', () => {
  it('awards the first-ranked bid or the next with a reason, takes complaints, then records the contract', async () => {
    const auditor = await cloud.token(`auditor-${crypto.randomUUID()}`, 'auditor');
    const t = await openTenderWith(cloud, entity, { evaluation: { method: 'lowest-price' } }, [
      { key: 'A', price: 900_000_000, discount: { kind: 'amount', amount: 10_000_000 } },
      { key: 'B', price: 950_000_000 },
      { key: 'C', price: 990_000_000 },
    ]);
    const follow = await cloud.call('POST', `/tenders/${t.tenderId}/followers`, { token: auditor });
    expect(follow.status).toBe(201);
    for (const key of ['A', 'B', 'C'])
      await verdict(cloud, entity.token, t.tenderId, t.bids[key]?.bidId as string, 'legal-status', true);

    // Nothing to award before the ranking, and the report is not public before an award.
    const early = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { bidId: t.bids.A?.bidId },
    });
    expect(early.status).toBe(409);
    await rank(cloud, entity.token, t.tenderId);
    expect((await cloud.call('GET', `/tenders/${t.tenderId}/evaluation-report`)).status).toBe(404);

    // Passing over the first-ranked bid needs a recorded reason.
    const second = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { bidId: t.bids.B?.bidId },
    });
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('AWARD_REASON_REQUIRED');
    expect(second.body.errors).toEqual([
      { field: 'body.reason', message: expect.stringContaining('ranked 2'), code: 'AWARD_REASON_REQUIRED' },
    ]);

    const awarded = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { bidId: t.bids.A?.bidId },
    });
    expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
    expect(awarded.body).toMatchObject({
      rank: 1,
      amount: '890000000',
      currency: 'VND',
      contractorName: 'Công ty A',
    });
    // Petitions are filed within 10 days of the result (ND 214 Art. 138), accelerated here.
    expect(Date.parse(awarded.body.standstillEndsAt) - Date.parse(awarded.body.awardedAt)).toBe(
      Math.ceil((10 * 86_400_000) / Number(testPeriodAcceleration)),
    );
    await holdStandstill(t.tenderId, t.lotId);
    expect((await storedMeta(t.tenderId)).status).toBe('awarded');
    const again = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { bidId: t.bids.B?.bidId, reason: 'x' },
    });
    expect(again.status).toBe(409);
    const notices = await cloud.call('GET', `/tenders/${t.tenderId}/awards`);
    expect(notices.body.items).toHaveLength(1);
    const report = await cloud.call('GET', `/tenders/${t.tenderId}/evaluation-report`);
    expect(report.status).toBe(200);
    expect(report.body.document.report.steps.ranking[0].ranked[0].bidId).toBe(t.bids.A?.bidId);

    // Complaints: only from a bidder on the lot, during the standstill; the entity answers.
    const loser = t.bids.C?.bidder;
    const loserToken = await cloud.token(loser?.sub as string, 'contractor');
    const outsider = await cloud.token(`contractor-${crypto.randomUUID()}`, 'contractor');
    const refused = await cloud.call('POST', `/tenders/${t.tenderId}/complaints`, {
      token: outsider,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { lotId: t.lotId, text: 'Tôi không đồng ý' },
    });
    expect(refused.status).toBe(403);
    const filed = await cloud.call('POST', `/tenders/${t.tenderId}/complaints`, {
      token: loserToken,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { lotId: t.lotId, text: 'Giá của nhà thầu A thấp bất thường' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ status: 'pending', contractorId: loser?.contractorId });

    const blocked = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: 890_000_000, signedAt: clock.iso() },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain('standstill');

    const answered = await cloud.call(
      'POST',
      `/tenders/${t.tenderId}/complaints/${filed.body.complaintId}/answer`,
      {
        token: entity.token,
        headers: await tenderMatch(cloud, t.tenderId),
        body: { answer: 'Giá đã được kiểm tra, hợp lệ.', upheld: false },
      },
    );
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', upheld: false });

    // After the standstill: never above the awarded amount.
    await endStandstill(t.tenderId, t.lotId);
    const tooMuch = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: 890_000_001, signedAt: clock.iso() },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('body.value');
    const late = await cloud.call('POST', `/tenders/${t.tenderId}/complaints`, {
      token: loserToken,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { lotId: t.lotId, text: 'Quá hạn' },
    });
    expect(late.status).toBe(409);
    const contract = await cloud.call('POST', `/tenders/${t.tenderId}/lots/${t.lotId}/contract`, {
      token: entity.token,
      headers: await tenderMatch(cloud, t.tenderId),
      body: { value: 885_000_000, signedAt: clock.iso() },
    });
    expect(contract.status, JSON.stringify(contract.body)).toBe(201);
    expect(contract.body).toMatchObject({
      status: 'contracted',
      contract: { value: '885000000', currency: 'VND' },
    });
    expect((await storedMeta(t.tenderId)).status).toBe('contracted');
    expect((await tenderEvents(t.tenderId)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['tender.closed', 'tender.opened', 'evaluation.started', 'evaluation.ranked']),
    );

    // Bidders heard of the opening, the award, the complaint's answer and the contract; the
    // follower (who followed after the opening) of everything since, the complaint included.
    const bidderNews = ['tender.opened', 'award.made', 'complaint.answered', 'contract.recorded'];
    const followerNews = ['award.made', 'complaint.filed', 'complaint.answered', 'contract.recorded'];
    const winnerToken = await cloud.token(t.bids.A?.bidder.sub as string, 'contractor');
    for (const [token, expected] of [
      [loserToken, bidderNews],
      [winnerToken, bidderNews],
      [auditor, followerNews],
    ] as const) {
      const inbox = await until(
        () => cloud.call('GET', '/me/notifications?limit=50', { token }),
        (r) =>
          expected.every((type) =>
            r.body.items.some((n: any) => n.tenderId === t.tenderId && n.type === type),
          ),
      );
      const types = inbox.body.items.filter((n: any) => n.tenderId === t.tenderId).map((n: any) => n.type);
      expect(types).toEqual(expect.arrayContaining(expected));
    }
    // The procuring entity heard of the complaint.
    const entityInbox = await until(
      () => cloud.call('GET', '/me/notifications?limit=50', { token: entity.token }),
      (r) => r.body.items.some((n: any) => n.tenderId === t.tenderId && n.type === 'complaint.filed'),
    );
    expect(entityInbox.body.items.map((n: any) => n.type)).toContain('complaint.filed');
  }, 120_000);
});

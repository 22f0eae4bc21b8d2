// The no-bids rule (Decree 214/2025 Art. 140(4); shared/tenders/no-bids-rule.ts): a tender that
// closes with no bid waits for its procuring entity, who extends the deadline by at least 5
// working days (and the tender then opens as usual) or declares it unsuccessful. Time passes by
// moving the local cloud's clock; the safety net and the opener do the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { bidder as apiBidder, submit } from '../bids/fixtures.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, ifMatch, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  outboxOf,
  passDeadline,
  priceForm,
  publicMinutes,
  startOwnCloud,
  storedMeta,
  tenderEvents,
  until,
} from './support.ts';

let cloud: TestCloud;
let entity: Entity;
let other: Entity;

beforeAll(async () => {
  // The law's own numbers (PERIOD_ACCELERATION=1): the 5 working days are real ones, passed by the clock.
  cloud = await startOwnCloud({ PERIOD_ACCELERATION: '1' });
  [entity, other] = await Promise.all([procuringEntity(cloud), procuringEntity(cloud)]);
}, 120_000);
afterAll(() => cloud?.stop());

async function closedWithoutBids(overrides: Record<string, unknown> = {}) {
  const tender = await publishedTender(cloud, entity, overrides);
  await passDeadline(cloud, tender);
  const meta = await until(
    () => storedMeta(tender.tenderId),
    (m) => m.status !== 'published' && m.status !== 'closed',
  );
  expect(meta.status).toBe('no-bids');
  return meta;
}

const decide = (tender: { tenderId: string; version: number }, body: unknown, who: Entity = entity) =>
  cloud.call('POST', `/tenders/${tender.tenderId}/no-bids-decision`, {
    token: who.token,
    headers: ifMatch(tender.version),
    body,
  });

describe('a tender that closes with no bid', () => {
  it('waits for the procuring entity, refuses a short extension and another organisation, then extends and opens', async () => {
    const meta = await closedWithoutBids();
    expect(meta.closedWithoutBidsAt).toBe(meta.submissionDeadline);
    expect(await tenderEvents(meta.tenderId, 'tender.closed-without-bids')).toHaveLength(1);
    expect(await tenderEvents(meta.tenderId, 'tender.unsuccessful')).toHaveLength(0);
    expect((await outboxOf(meta.tenderId)).map((e) => e.type)).toContain('tender.no-bids');
    expect((await cloud.call('GET', `/tenders/${meta.tenderId}/minutes`)).body.items ?? []).toEqual([]);

    const earliest = addWorkingDays(cloud.clock.iso(), 5);
    const short = await decide(meta as any, {
      decision: 'extend',
      submissionDeadline: new Date(Date.parse(earliest) - 3_600_000).toISOString(),
      note: 'Gia hạn',
    });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({
      code: 'NO_BIDS_EXTENSION_TOO_SHORT',
      rule: 'no-bids-min-extension',
      errors: [{ field: 'body.submissionDeadline' }],
    });
    const foreign = await decide(meta as any, { decision: 'unsuccessful', reason: 'x' }, other);
    expect(foreign.status).toBe(403);
    expect((await storedMeta(meta.tenderId)).status).toBe('no-bids');

    const deadline = new Date(Date.parse(earliest) + 3_600_000).toISOString();
    const extended = await decide(meta as any, {
      decision: 'extend',
      submissionDeadline: deadline,
      note: 'Gia hạn do không có nhà thầu',
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.tender).toMatchObject({
      status: 'published',
      submissionDeadline: deadline,
      revision: 2,
    });
    expect(extended.body.deadlineExtended).toMatchObject({ from: meta.submissionDeadline, to: deadline });
    const after = await storedMeta(meta.tenderId);
    // The opening timer carries the version that set the deadline.
    expect(after).toMatchObject({
      status: 'published',
      deadlineVersion: after.version,
      gsi1pk: tenderEntity.indexPk('byStatus', { status: 'published' }),
    });
    expect(after.closedWithoutBidsAt).toBeUndefined();
    expect(await tenderEvents(meta.tenderId, 'tender.deadline-extended')).toHaveLength(1);
    expect((await outboxOf(meta.tenderId)).map((e) => e.type)).toContain('tender.deadline-extended');
    const revisions = await cloud.call('GET', `/tenders/${meta.tenderId}`);
    expect(revisions.body.submissionDeadline).toBe(deadline);

    // A bid now comes in, and the tender opens at its (moved) deadline as any other.
    const who = await apiBidder(cloud);
    const { response } = await submit(
      cloud,
      who,
      extended.body.tender,
      meta.lots[0].lotId,
      priceForm(1_900_000_000),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    await passDeadline(cloud, extended.body.tender);
    const minutes = (await publicMinutes(cloud, meta.tenderId)).items[0].document.minutes;
    expect(minutes.bids.map((b: any) => b.bidId)).toEqual([response.body.bid.bidId]);
  }, 180_000);

  it('is declared unsuccessful by its procuring entity, in the OCDS record too', async () => {
    const meta = await closedWithoutBids();
    const declared = await decide(meta as any, { decision: 'unsuccessful', reason: 'Không còn nhu cầu' });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    expect(declared.body.tender.status).toBe('unsuccessful');
    expect(await storedMeta(meta.tenderId)).toMatchObject({
      status: 'unsuccessful',
      unsuccessfulReason: expect.stringContaining('Không còn nhu cầu'),
    });
    expect(await tenderEvents(meta.tenderId, 'tender.declared-unsuccessful')).toHaveLength(1);
    expect((await outboxOf(meta.tenderId)).map((e) => e.type)).toContain('tender.unsuccessful');
    const again = await decide(declared.body.tender, { decision: 'unsuccessful', reason: 'lần nữa' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NO_BIDS_DECISION_NOT_DUE');
    const record = await cloud.call('GET', `/ocds/tenders/${meta.tenderId}/record`);
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    expect(record.body.records[0].compiledRelease.tender.status).toBe('unsuccessful');
  }, 120_000);

  it('does not apply to a tender that had bids, nor before the deadline', async () => {
    const tender = await publishedTender(cloud, entity, { minBids: 2 });
    const early = await decide(tender, { decision: 'unsuccessful', reason: 'x' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NO_BIDS_DECISION_NOT_DUE');
    const who = await apiBidder(cloud);
    const { response } = await submit(cloud, who, tender, tender.lots[0].lotId, priceForm(1_900_000_000));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    await passDeadline(cloud, tender);
    const meta = await until(
      () => storedMeta(tender.tenderId),
      (m) => m.status === 'unsuccessful',
    );
    expect(meta.status).toBe('unsuccessful');
    const refused = await decide(meta as any, {
      decision: 'extend',
      submissionDeadline: addWorkingDays(cloud.clock.iso(), 10),
      note: 'x',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('TENDER_HAD_BIDS');
  }, 120_000);
});

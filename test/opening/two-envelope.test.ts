// The two-envelope procedure: the technical envelopes open at the deadline; the financial ones
// only after the procuring entity approves the technically compliant list, and only theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationMatch, openTenderWith, rank, rankedKeys, verdict } from '../awards/pipeline-support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { startOwnCloud, storedMeta, tenderEvents, until } from './support.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

describe('two envelopes', () => {
  it('opens prices only after the compliant list is approved, and only the compliant ones', async () => {
    const t = await openTenderWith(
      cloud,
      entity,
      { envelopeProcedure: 'two-envelope', evaluation: { method: 'lowest-price' } },
      [
        { key: 'A', price: 900_000_000, twoEnvelope: true },
        { key: 'B', price: 950_000_000, twoEnvelope: true },
        // The cheapest, but technically non-compliant: its price must never be opened.
        { key: 'C', price: 800_000_000, twoEnvelope: true },
      ],
    );
    const id = (key: string) => t.bids[key]?.bidId as string;
    const minutesOf = async () => (await cloud.call('GET', `/tenders/${t.tenderId}/minutes`)).body.items;
    const [technical] = await minutesOf();
    expect(technical.phase).toBe('technical');
    expect(technical.document.minutes.bids).toHaveLength(3);
    for (const bid of technical.document.minutes.bids) {
      expect(bid.price).toBeUndefined();
      expect(bid).toMatchObject({ bidSecurity: { amount: '30000000' }, validityDays: 120 });
    }

    for (const key of ['A', 'B', 'C']) {
      await verdict(
        cloud,
        entity.token,
        t.tenderId,
        id(key),
        'technical-specification',
        key !== 'C',
        key === 'C' ? 'không đạt yêu cầu kỹ thuật' : undefined,
      );
    }
    const tooEarly = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/ranking`, {
      token: entity.token,
      headers: await evaluationMatch(cloud, entity.token, t.tenderId),
    });
    expect(tooEarly.status).toBe(409);
    for (const wrong of [[id('A'), id('B'), id('C')], [id('A')]]) {
      const refused = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/technical-approval`, {
        token: entity.token,
        headers: await evaluationMatch(cloud, entity.token, t.tenderId),
        body: { compliantBidIds: wrong },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('body.compliantBidIds');
    }
    expect(await minutesOf()).toHaveLength(1);

    const approved = await cloud.call('POST', `/tenders/${t.tenderId}/evaluation/technical-approval`, {
      token: entity.token,
      headers: await evaluationMatch(cloud, entity.token, t.tenderId),
      body: { compliantBidIds: [id('B'), id('A')] },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(202);
    const items = await until(minutesOf, (i) => i.length === 2);
    const financial = items[1];
    expect(financial.phase).toBe('financial');
    const opened = financial.document.minutes;
    expect(opened.bids.map((b: any) => [b.bidId, b.price.amount]).sort()).toEqual(
      [
        [id('A'), '900000000'],
        [id('B'), '950000000'],
      ].sort(),
    );
    expect(opened.invalidBids).toEqual([]);
    expect(JSON.stringify(financial.document)).not.toContain(id('C'));
    expect(await tenderEvents(t.tenderId, 'tender.financial-opened')).toHaveLength(1);

    const document = await rank(cloud, entity.token, t.tenderId);
    expect(rankedKeys(document, t)).toEqual(['A', 'B']);
    expect((await storedMeta(t.tenderId)).status).toBe('evaluating');
  }, 90_000);
});

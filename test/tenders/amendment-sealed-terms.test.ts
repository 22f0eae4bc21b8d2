// Amendments cannot pull the ground from under sealed bids: removing a lot, switching the envelope
// procedure or the currency is refused on every published tender alike (bid or no bid, the same
// answer), while adding a lot or editing one keeps the bids on the tender withdrawable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bidder, bidder, submit } from '../bids/fixtures.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, ifMatch, procuringEntity, publishedTender, storedTender } from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let alice: Bidder;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  alice = await bidder(cloud);
});
afterAll(() => cloud?.stop());

const keepFirstLotOnly = (tender: any) => ({
  lots: [{ ...lotInput(tender.lots[0]), lotId: tender.lots[0].lotId }],
});
const lotInput = (lot: any) => ({
  title: lot.title,
  estimatedValue: lot.estimatedValue,
  bidSecurityAmount: lot.bidSecurityAmount,
});

const refused: [string, (tender: any) => Record<string, unknown>, string][] = [
  ['removing a lot', keepFirstLotOnly, 'body.changes.lots'],
  [
    'switching the envelope procedure',
    () => ({ envelopeProcedure: 'two-envelope' }),
    'body.changes.envelopeProcedure',
  ],
  ['changing the currency', () => ({ currency: 'USD' }), 'body.changes.currency'],
];

/** The answer without what names the tender: it must not differ between a tender with and without bids. */
const shape = (response: { status: number; body: any }) => ({
  status: response.status,
  code: response.body.code,
  title: response.body.title,
  fields: response.body.errors?.map((e: any) => e.field),
});

async function amend(tender: any, changes: Record<string, unknown>) {
  return cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
    token: entity.token,
    headers: ifMatch(tender.version),
    body: { changes, note: 'Điều chỉnh' },
  });
}

describe('an amendment that changes sealed terms', () => {
  it.each(refused)('is refused for %s, the same with or without a bid', async (_, changes, field) => {
    const [empty, withBid] = await Promise.all([
      publishedTender(cloud, entity),
      publishedTender(cloud, entity),
    ]);
    // The bid sits on the second lot, the one "removing a lot" drops.
    const bid = await submit(cloud, alice, withBid, withBid.lots[1].lotId, { total: 400_000_000 });
    expect(bid.response.status, JSON.stringify(bid.response.body)).toBe(201);

    const answers = [await amend(empty, changes(empty)), await amend(withBid, changes(withBid))];
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(409);
      expect(answer.body.code).toBe('AMENDMENT_CHANGES_SEALED_TERMS');
      expect(answer.body.errors.map((e: any) => e.field)).toEqual([field]);
      expect(answer.body.detail).toContain('cancel the tender');
    }
    expect(shape(answers[0]!)).toEqual(shape(answers[1]!));

    // Nothing was stored: same version, same lots and terms.
    for (const tender of [empty, withBid]) {
      const stored = await storedTender(tender.tenderId);
      expect(stored?.version).toBe(tender.version);
      expect(stored?.revision).toBe(1);
      expect(stored?.lots.map((l: any) => l.lotId)).toEqual(tender.lots.map((l: any) => l.lotId));
      expect([stored?.envelopeProcedure, stored?.currency]).toEqual(['one-envelope', 'VND']);
    }
  });

  it('names every refused field at once', async () => {
    const tender = await publishedTender(cloud, entity);
    const answer = await amend(tender, {
      ...keepFirstLotOnly(tender),
      currency: 'EUR',
      envelopeProcedure: 'two-envelope',
    });
    expect(answer.status).toBe(409);
    expect(answer.body.errors.map((e: any) => e.field).sort()).toEqual([
      'body.changes.currency',
      'body.changes.envelopeProcedure',
      'body.changes.lots',
    ]);
  });
});

describe('a permitted amendment', () => {
  it('adds a lot and edits one, and the bid on the tender can still be withdrawn', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[1].lotId;
    const bid = await submit(cloud, alice, tender, lotId, { total: 450_000_000 });
    expect(bid.response.status, JSON.stringify(bid.response.body)).toBe(201);

    const answer = await amend(tender, {
      lots: [
        { ...lotInput(tender.lots[0]), lotId: tender.lots[0].lotId },
        { ...lotInput(tender.lots[1]), lotId, title: 'Lô 2: máy chiếu (bổ sung màn chiếu)' },
        { title: 'Lô 3: bảng tương tác', estimatedValue: 300_000_000, bidSecurityAmount: 4_500_000 },
      ],
      // The same value as stored is no change.
      currency: 'VND',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const lots = answer.body.tender.lots;
    expect(lots.map((l: any) => l.lotId).slice(0, 2)).toEqual(tender.lots.map((l: any) => l.lotId));
    expect(lots).toHaveLength(3);
    expect((await storedTender(tender.tenderId))?.lots[1].title).toBe('Lô 2: máy chiếu (bổ sung màn chiếu)');

    const withdrawn = await cloud.call(
      'DELETE',
      `/tenders/${tender.tenderId}/lots/${lotId}/bids/${bid.response.body.bid.bidId}`,
      { token: alice.token },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
  });
});

// Bids placed before an amendment (Decree 214/2025 Art. 28(2)(b); shared/bids/confirmation-rule.ts)
// through the real API and opener: a bid neither confirmed nor replaced is listed in the minutes as
// not confirmed and is not opened; a confirmed one and a replaced one are opened. Time passes by
// moving the stored deadline (the safety net then opens the tender), never by sleeping for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidVersionEntity } from '../../shared/entities/bids.ts';
import { signConfirmation } from '../../shared/sealing/index.ts';
import { passDeadline, priceForm, publicMinutes, startOwnCloud } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, ifMatch, procuringEntity, publishedTender, storedTender } from '../tenders/fixtures.ts';
import { type Bidder, bidAuditTrail, bidder, bidItems, refOf, submit } from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
}, 120_000);
afterAll(() => cloud?.stop());

async function amend(tender: { tenderId: string; version: number }, changes: Record<string, unknown>) {
  const response = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
    token: entity.token,
    headers: ifMatch(tender.version),
    body: { changes, note: 'Bổ sung yêu cầu kỹ thuật' },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.tender as { tenderId: string; version: number; revision: number; [k: string]: any };
}

const bidPath = (tenderId: string, lotId: string, bidId: string) =>
  `/tenders/${tenderId}/lots/${lotId}/bids/${bidId}`;

async function confirm(
  who: Bidder,
  bid: { tenderId: string; lotId: string; bidId: string; envelopeSha256: string },
  revision: number,
  options: { signedRevision?: number; signedTenderId?: string } = {},
) {
  const signature = await signConfirmation(who.key.privateKey, {
    tenderId: options.signedTenderId ?? bid.tenderId,
    lotId: bid.lotId,
    contractorId: who.contractorId,
    bidId: bid.bidId,
    envelopeSha256: bid.envelopeSha256,
    tenderRevision: options.signedRevision ?? revision,
  });
  return cloud.call('POST', `${bidPath(bid.tenderId, bid.lotId, bid.bidId)}/confirmations`, {
    token: who.token,
    body: { tenderRevision: revision, signature, signingKeyId: who.key.keyId },
  });
}

const ownBid = async (who: Bidder, bid: { tenderId: string; lotId: string; bidId: string }) => {
  const response = await cloud.call('GET', bidPath(bid.tenderId, bid.lotId, bid.bidId), { token: who.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('bids placed before an amendment', () => {
  it('opens confirmed and replaced bids, lists the unconfirmed one as not confirmed and does not open it', async () => {
    let tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const [stays, confirms, replaces, after] = (await Promise.all([1, 2, 3, 4].map(() => bidder(cloud)))) as [
      Bidder,
      Bidder,
      Bidder,
      Bidder,
    ];
    const placed = async (who: Bidder, price: number) => {
      const { response } = await submit(cloud, who, tender, lotId, priceForm(price));
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.bid.confirmation).toMatchObject({
        required: false,
        placedOnRevision: tender.revision,
      });
      return response.body.bid;
    };
    const staysBid = await placed(stays, 1_800_000_000);
    const confirmsBid = await placed(confirms, 1_850_000_000);
    const replacedBid = await placed(replaces, 1_900_000_000);

    // An amendment of what bidders answer to: bids placed before it must be confirmed.
    tender = await amend(tender, { description: 'Bổ sung yêu cầu bảo hành 36 tháng' });
    expect(tender.revision).toBe(2);
    expect(tender.bidsConfirmationRevision).toBe(2);
    expect((await storedTender(tender.tenderId))?.bidsConfirmationRevision).toBe(2);
    const notices = (await bidItems(tender.tenderId)).length; // the bids partition is untouched
    expect(notices).toBeGreaterThan(0);
    expect((await ownBid(stays, staysBid)).confirmation).toMatchObject({
      required: true,
      placedOnRevision: 1,
      requiredSinceRevision: 2,
      currentRevision: 2,
    });

    // Refusals, each with its code: a signature over another revision or another tender, a stale revision.
    const wrongRevision = await confirm(confirms, confirmsBid, 2, { signedRevision: 1 });
    expect(wrongRevision.status).toBe(422);
    expect(wrongRevision.body.code).toBe('CONFIRMATION_SIGNATURE_INVALID');
    expect(wrongRevision.body.errors[0].field).toBe('body.signature');
    const otherTender = await confirm(confirms, confirmsBid, 2, {
      signedTenderId: '01JOTHERTENDER0000000000000',
    });
    expect(otherTender.body.code).toBe('CONFIRMATION_SIGNATURE_INVALID');
    const stale = await confirm(confirms, confirmsBid, 1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONFIRMATION_REVISION_NOT_CURRENT', currentRevision: 2 });

    // The confirmation: a receipt, an audit event, the stored version marked.
    const confirmed = await confirm(confirms, confirmsBid, 2);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.receipt).toMatchObject({
      action: 'bid.confirmed',
      bidId: confirmsBid.bidId,
      tenderRevision: 2,
      envelopeSha256: confirmsBid.envelopeSha256,
    });
    expect(confirmed.body.bid.confirmation).toMatchObject({ required: false, confirmedRevision: 2 });
    const again = await confirm(confirms, confirmsBid, 2);
    expect(again.status).toBe(200);
    expect(again.body.receipt).toEqual(confirmed.body.receipt);
    const ref = await refOf(confirms, tender.tenderId);
    const stored = (await bidItems(tender.tenderId)).find((i) =>
      i.sk.startsWith(bidVersionEntity.skPrefix({ lotId, bidderRef: ref })),
    );
    expect(stored).toMatchObject({
      confirmedRevision: 2,
      confirmationEventIds: [confirmed.body.receipt.eventId],
    });
    expect(stored?.sealedConfirmation).toEqual(expect.any(String));
    const trail = await bidAuditTrail(tender.tenderId);
    expect(trail.filter((e) => e.action === 'bid.confirmed').map((e) => e.eventId)).toEqual([
      confirmed.body.receipt.eventId,
    ]);

    // A replacement also answers the amended tender; so does a bid placed after it.
    const { response: replacement } = await submit(cloud, replaces, tender, lotId, priceForm(1_700_000_000), {
      replaces: replacedBid.bidId,
    });
    expect(replacement.status, JSON.stringify(replacement.body)).toBe(201);
    const afterBid = await placed(after, 1_950_000_000);

    // Moving only the timetable asks for no new confirmation.
    tender = await amend(tender, {
      questionsDeadline: new Date(Date.parse(tender.questionsDeadline) + 86_400_000).toISOString(),
    });
    expect(tender.revision).toBe(3);
    expect(tender.bidsConfirmationRevision).toBe(2);
    expect((await ownBid(confirms, confirmsBid)).confirmation.required).toBe(false);

    // The deadline passes now: after every bid above (the clocks are the same), before what follows.
    await passDeadline(cloud, tender);
    const minutes = (await publicMinutes(cloud, tender.tenderId)).items[0].document.minutes;
    expect(minutes.bids.map((b: any) => b.bidId).sort()).toEqual(
      [confirmsBid.bidId, replacement.body.bid.bidId, afterBid.bidId].sort(),
    );
    expect(minutes.invalidBids).toEqual([]);
    expect(minutes.unconfirmedBids).toEqual([
      expect.objectContaining({
        bidId: staysBid.bidId,
        contractorId: stays.contractorId,
        placedOnRevision: 1,
        confirmedRevision: null,
        requiredRevision: 2,
      }),
    ]);
    // Not opened: nothing read from its envelope is in the minutes.
    expect(minutes.unconfirmedBids[0].price).toBeUndefined();
    expect(minutes.lots.find((l: any) => l.lotId === lotId)).toMatchObject({
      validBids: 3,
      unconfirmedBids: 1,
    });
    // The confirmation's event is tied to its tender by the minutes like the submission's.
    expect(minutes.bidEvents.find((e: any) => e.bidId === confirmsBid.bidId).eventIds).toContain(
      confirmed.body.receipt.eventId,
    );

    const record = await cloud.call('GET', `/ocds/tenders/${tender.tenderId}/record`);
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    const bids = record.body.records[0].compiledRelease.bids;
    expect(bids.details.find((d: any) => d.id === staysBid.bidId).status).toBe('disqualified');
    expect(bids.statistics.find((s: any) => s.id === 'unconfirmedBids')).toMatchObject({ value: 1 });
  }, 180_000);

  it('refuses a confirmation after the deadline as it refuses bids', async () => {
    let tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const who = await bidder(cloud);
    const { response } = await submit(cloud, who, tender, lotId, priceForm(1_800_000_000));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    tender = await amend(tender, { title: 'Mua sắm máy tính (sửa đổi)' });
    // The deadline passes now: after every bid above (the clocks are the same), before what follows.
    await passDeadline(cloud, tender);
    const late = await confirm(who, response.body.bid, tender.revision);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DEADLINE_PASSED');
    const minutes = (await publicMinutes(cloud, tender.tenderId)).items[0].document.minutes;
    expect(
      minutes.unconfirmedBids.map((b: any) => b.bidId),
      JSON.stringify(minutes),
    ).toEqual([response.body.bid.bidId]);
    expect(minutes.unconfirmedBids.map((b: any) => b.bidId)).toEqual([response.body.bid.bidId]);
    expect(minutes.bids).toEqual([]);
  }, 120_000);
});

// The opener on bids submitted through the bid API (presigned upload, commit with the contractor's
// signature, replacement, withdrawal; two envelopes): what submission stores is what opening reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialBinding, sealTwoEnvelopeBid } from '../../shared/opening/two-envelope.ts';
import { signSubmission } from '../../shared/sealing/index.ts';
import { bidder, commit, sha256Hex, submit, upload } from '../bids/fixtures.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import { passDeadline, priceForm, publicMinutes, startOwnCloud } from './support.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

describe('bids from the bid API', () => {
  it('opens what was committed: the replacement, not the replaced, and not the withdrawn', async () => {
    // The fixture's deadline is weeks away; the clock is moved past it once the bids are in.
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const [first, second, third] = [await bidder(cloud), await bidder(cloud), await bidder(cloud)];
    const original = await submit(cloud, first, tender, lotId, priceForm(1_800_000_000));
    expect(original.response.status, JSON.stringify(original.response.body)).toBe(201);
    const replacement = await submit(cloud, first, tender, lotId, priceForm(1_750_000_000), {
      replaces: original.response.body.bid.bidId,
      documents: [{ name: 'de-xuat-ky-thuat.pdf', bytes: new TextEncoder().encode('đề xuất kỹ thuật') }],
    });
    expect(replacement.response.status, JSON.stringify(replacement.response.body)).toBe(201);
    const kept = await submit(cloud, second, tender, lotId, priceForm(1_900_000_000));
    const gone = await submit(cloud, third, tender, lotId, priceForm(1_600_000_000));
    const withdrawn = await cloud.call(
      'DELETE',
      `/tenders/${tender.tenderId}/lots/${lotId}/bids/${gone.response.body.bid.bidId}`,
      {
        token: third.token,
        headers: { 'idempotency-key': crypto.randomUUID() },
      },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBeLessThan(300);

    await passDeadline(cloud, tender);
    const { items } = await publicMinutes(cloud, tender.tenderId);
    const minutes = items[0].document.minutes;
    expect(minutes.invalidBids).toEqual([]);
    expect(minutes.bids.map((b: any) => [b.bidId, b.price.amount, b.envelopeSha256]).sort()).toEqual(
      [
        [replacement.response.body.bid.bidId, '1750000000', replacement.envelope.sha256],
        [kept.response.body.bid.bidId, '1900000000', kept.envelope.sha256],
      ].sort(),
    );
    expect(minutes.bids.find((b: any) => b.contractorId === first.contractorId).documents).toEqual([
      { name: 'de-xuat-ky-thuat.pdf', contentType: 'application/pdf', size: 25 },
    ]);
  }, 120_000);

  it('opens the technical envelopes of two-envelope bids at the deadline, prices still sealed', async () => {
    const tender = await publishedTender(cloud, entity, { envelopeProcedure: 'two-envelope' });
    const lotId = tender.lots[0].lotId as string;
    const who = await bidder(cloud);
    const binding = { tenderId: tender.tenderId, lotId, contractorId: who.contractorId };
    const sealed = await sealTwoEnvelopeBid({
      ...binding,
      tenderPublicKey: tender.openingPublicKey.jwk,
      technical: { bidSecurity: { amount: 30_000_000 }, validityDays: 120 },
      technicalDocuments: [],
      financial: { currency: 'VND', price: 1_950_000_000 },
    });
    const bytes = async (stream: ReadableStream<Uint8Array>) => {
      const b = new Uint8Array(await new Response(stream).arrayBuffer());
      return { bytes: b, sha256: sha256Hex(b) };
    };
    const technical = await bytes(sealed.technical.stream);
    const financial = await bytes(sealed.financial.stream);
    const technicalUpload = await upload(cloud, who, tender.tenderId, lotId, technical);
    const financialUpload = await upload(cloud, who, tender.tenderId, lotId, financial);
    const committed = await commit(cloud, who, tender.tenderId, lotId, {
      uploadId: technicalUpload,
      envelopeSha256: technical.sha256,
      financial: {
        uploadId: financialUpload,
        envelopeSha256: financial.sha256,
        signature: await signSubmission(who.key.privateKey, {
          ...financialBinding(binding),
          envelopeSha256: financial.sha256,
        }),
      },
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);

    await passDeadline(cloud, tender);
    const { items } = await publicMinutes(cloud, tender.tenderId);
    expect(items.map((i: any) => i.phase)).toEqual(['technical']);
    expect(items[0].document.minutes.bids).toEqual([
      expect.objectContaining({
        bidId: committed.body.bid.bidId,
        bidSecurity: { amount: '30000000' },
        validityDays: 120,
        envelopeSha256: technical.sha256,
      }),
    ]);
    expect(items[0].document.minutes.bids[0].price).toBeUndefined();
  }, 120_000);
});

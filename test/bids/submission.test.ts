// A bid from sealing to receipt through the real HTTP path: the sealed envelope goes straight to
// S3, the commit checks it without reading it, and every accepted action gets a signed receipt.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidVersionEntity, currentBidEntity } from '../../shared/entities/bids.ts';
import { verifyReceipt } from '../../shared/receipts/verify-receipt.ts';
import { openManifest, openPriceForm, readEnvelopeHeader } from '../../shared/sealing/index.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  type Bidder,
  bidAuditTrail,
  bidder,
  bidItems,
  commit,
  contains,
  openingKeyOf,
  operatorView,
  refOf,
  seal,
  storedObject,
  submit,
  upload,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let receiptsKey: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  const key = await cloud.call('GET', '/receipts/public-key');
  expect(key.status).toBe(200);
  receiptsKey = key.body.pem;
});
afterAll(() => cloud?.stop());

const priceForm = {
  currency: 'VND',
  total: 1_987_654_321,
  items: [{ line: 'Máy tính để bàn', amount: 1_987_654_321 }],
};
const documentText =
  'THUYẾT MINH KỸ THUẬT — bí mật kinh doanh của nhà thầu, không được tiết lộ trước giờ mở thầu';

describe('submitting a sealed bid', () => {
  let tender: any;
  let lotId: string;
  let alice: Bidder;
  beforeAll(async () => {
    tender = await publishedTender(cloud, entity);
    lotId = tender.lots[0].lotId;
    alice = await bidder(cloud);
  });

  it('stores the envelope unreadable and immutable, the bid and its audit event, and returns a verifiable receipt', async () => {
    const document = new TextEncoder().encode(documentText.repeat(50));
    const { response, envelope, uploadId } = await submit(cloud, alice, tender, lotId, priceForm, {
      documents: [{ name: 'thuyet-minh.pdf', bytes: document }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { receipt, bid } = response.body;
    expect(receipt).toMatchObject({
      // Signed in a batch (RECEIPT_BATCH_WINDOW_MS, docs/capacity.md P1): test/receipts has both formats.
      format: 'eproc-bid-receipt-v2',
      action: 'bid.submitted',
      tenderId: tender.tenderId,
      lotId,
      contractorId: alice.contractorId,
      bidId: bid.bidId,
      version: 1,
      envelopeSha256: envelope.sha256,
    });
    expect(Date.parse(receipt.integratedBy) - Date.parse(receipt.receivedAt)).toBe(10_000);
    expect(response.headers.get('location')).toBe(
      `/tenders/${tender.tenderId}/lots/${lotId}/bids/${bid.bidId}`,
    );
    expect(await verifyReceipt(receipt, receiptsKey)).toMatchObject({ ok: true });
    expect(await verifyReceipt({ ...receipt, version: 2 }, receiptsKey)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });

    // Stored: the version (never plaintext), the pointer, and the audit event the receipt cites,
    // all under the bidder's pseudonym on this tender.
    const ref = await refOf(alice, tender.tenderId);
    const items = await bidItems(tender.tenderId);
    const version = items.find((i) => i.sk === bidVersionEntity.sk({ lotId, bidderRef: ref, version: 1 }));
    expect(version).toMatchObject({
      bidId: bid.bidId,
      bidderRef: ref,
      status: 'active',
      envelopeKey: `tenders/${tender.tenderId}/lots/${lotId}/bidders/${ref}/${uploadId}.sealed`,
      envelopeSha256: envelope.sha256,
      envelopeSize: envelope.bytes.length,
      receivedAt: receipt.receivedAt,
      auditEventId: receipt.eventId,
    });
    expect(version?.envelopeVersionId).toEqual(expect.any(String));
    expect(items.find((i) => i.sk === currentBidEntity.sk({ lotId, bidderRef: ref }))).toMatchObject({
      bidId: bid.bidId,
      version: 1,
      status: 'active',
    });
    expect(JSON.stringify(items)).not.toContain('1987654321');
    const events = (await bidAuditTrail(tender.tenderId)).filter((e) => e.action.startsWith('bid.'));
    expect(events).toEqual([
      expect.objectContaining({
        eventId: receipt.eventId,
        action: 'bid.submitted',
        at: receipt.receivedAt,
        actor: { sub: `bidder:${ref}`, role: 'contractor' },
      }),
    ]);

    // Nor who bid: an operator reading every bid item, object key and audit event finds neither
    // the contractor, nor its account, nor its signing key, nor anything a guess could be checked
    // against (its signature, the receipt's batch signature).
    const seen = await operatorView();
    for (const secret of [alice.contractorId, alice.sub, alice.key.keyId, receipt.batch.signature]) {
      expect(seen).not.toContain(secret);
    }
    for (const field of ['contractorId', 'signature', 'signingKeyId', 'receipt']) {
      expect(version).not.toHaveProperty(field);
    }
    expect(version?.sealedIdentity).toEqual(expect.any(String));
    expect(JSON.stringify(events)).not.toContain('1987654321');
    expect(JSON.stringify(events)).not.toContain('THUYẾT MINH');

    // The stored object is exactly the sealed envelope: no price, no document bytes in it.
    const { bytes } = await storedObject(version!.envelopeKey, version!.envelopeVersionId);
    expect(bytes).toEqual(envelope.bytes);
    for (const secret of ['1987654321', 'Máy tính để bàn', 'thuyet-minh.pdf', documentText.slice(0, 40)]) {
      expect(contains(bytes, new TextEncoder().encode(secret)), secret).toBe(false);
    }
    expect(contains(bytes, document.subarray(0, 64))).toBe(false);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: process.env.BUCKET_BIDS, Key: version!.envelopeKey }),
    );
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 3000 * 86_400_000);

    // Only the opening key opens it, and it holds what was sealed.
    const context = {
      openingKey: await openingKeyOf(tender.tenderId),
      binding: { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
    };
    expect((await openPriceForm(context, bytes)).priceForm).toEqual(priceForm);
    expect(await openManifest(context, bytes)).toEqual([
      expect.objectContaining({ name: 'thuyet-minh.pdf', size: document.length }),
    ]);
    expect(readEnvelopeHeader(bytes).recipientKeyId).toBe(tender.openingPublicKey.keyId);
  });

  it('answers a retried commit with the same receipt, and refuses the key for another request', async () => {
    const other = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: other.contractorId },
      priceForm,
    );
    const uploadId = await upload(cloud, other, tender.tenderId, lotId, envelope);
    const key = crypto.randomUUID();
    const body = { uploadId, envelopeSha256: envelope.sha256 };
    const first = await commit(cloud, other, tender.tenderId, lotId, body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await commit(cloud, other, tender.tenderId, lotId, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.receipt).toEqual(first.body.receipt);

    const otherEnvelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: other.contractorId },
      { total: 1 },
    );
    const otherUpload = await upload(cloud, other, tender.tenderId, lotId, otherEnvelope);
    const reused = await commit(
      cloud,
      other,
      tender.tenderId,
      lotId,
      { uploadId: otherUpload, envelopeSha256: otherEnvelope.sha256, replaces: first.body.bid.bidId },
      key,
    );
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bids`, {
      token: other.token,
      body: {
        ...body,
        signingKeyId: other.key.keyId,
        signature: first.body.bid.receipt.batch.signature.slice(0, 86),
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('header.idempotency-key');

    const ref = await refOf(other, tender.tenderId);
    const mine = (await bidItems(tender.tenderId)).filter((i) => i.bidderRef === ref);
    expect(mine.map((i) => i.sk).sort()).toEqual([
      bidVersionEntity.sk({ lotId, bidderRef: ref, version: 1 }),
      currentBidEntity.sk({ lotId, bidderRef: ref }),
    ]);
    const events = (await bidAuditTrail(tender.tenderId)).filter((e) => e.change?.bidderRef === ref);
    expect(events).toHaveLength(1);
  });

  it('replaces, withdraws and resubmits, keeping and auditing every version, each with its receipt', async () => {
    const carol = await bidder(cloud);
    const first = await submit(cloud, carol, tender, lotId, { total: 3_000_000_000 });
    expect(first.response.status).toBe(201);
    const firstId = first.response.body.bid.bidId;

    // A second commit must say what it replaces.
    const unnamed = await submit(cloud, carol, tender, lotId, { total: 2_900_000_000 });
    expect(unnamed.response.status).toBe(409);
    expect(unnamed.response.body).toMatchObject({ code: 'ACTIVE_BID_EXISTS', activeBidId: firstId });

    const second = await submit(cloud, carol, tender, lotId, { total: 2_900_000_000 }, { replaces: firstId });
    expect(second.response.status, JSON.stringify(second.response.body)).toBe(201);
    const secondId = second.response.body.bid.bidId;
    expect(second.response.body.receipt).toMatchObject({
      action: 'bid.replaced',
      version: 2,
      replaces: firstId,
    });
    expect(await verifyReceipt(second.response.body.receipt, receiptsKey)).toMatchObject({ ok: true });

    const stale = await submit(cloud, carol, tender, lotId, { total: 1 }, { replaces: firstId });
    expect(stale.response.status).toBe(409);
    expect(stale.response.body.code).toBe('REPLACED_BID_NOT_ACTIVE');

    const withdrawPath = (bidId: string) => `/tenders/${tender.tenderId}/lots/${lotId}/bids/${bidId}`;
    const superseded = await cloud.call('DELETE', withdrawPath(firstId), { token: carol.token });
    expect(superseded.status).toBe(409);
    expect(superseded.body).toMatchObject({ code: 'BID_NOT_ACTIVE', status: 'superseded' });

    const withdrawn = await cloud.call('DELETE', withdrawPath(secondId), { token: carol.token });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.receipt).toMatchObject({
      action: 'bid.withdrawn',
      bidId: secondId,
      version: 2,
      envelopeSha256: second.envelope.sha256,
    });
    expect(withdrawn.body.bid).toMatchObject({
      status: 'withdrawn',
      withdrawalReceipt: withdrawn.body.receipt,
    });
    expect(await verifyReceipt(withdrawn.body.receipt, receiptsKey)).toMatchObject({ ok: true });
    expect((await cloud.call('DELETE', withdrawPath(secondId), { token: carol.token })).body.code).toBe(
      'BID_NOT_ACTIVE',
    );

    // After a withdrawal the contractor may bid again: version 3.
    const third = await submit(cloud, carol, tender, lotId, { total: 2_800_000_000 });
    expect(third.response.status, JSON.stringify(third.response.body)).toBe(201);
    expect(third.response.body.receipt).toMatchObject({ action: 'bid.submitted', version: 3 });

    const ref = await refOf(carol, tender.tenderId);
    const items = (await bidItems(tender.tenderId)).filter((i) => i.bidderRef === ref);
    const byKey = Object.fromEntries(items.map((i) => [i.sk, i]));
    const prefix = bidVersionEntity.skPrefix({ lotId, bidderRef: ref });
    expect(byKey[`${prefix}0001`]).toMatchObject({ status: 'superseded', supersededBy: secondId });
    expect(byKey[`${prefix}0002`]).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: withdrawn.body.receipt.receivedAt,
      // Sealed for the bidder: the receipt names the contractor.
      withdrawalSeal: expect.any(String),
    });
    expect(byKey[`${prefix}0002`]).not.toHaveProperty('withdrawalReceipt');
    expect(byKey[`${prefix}0003`]).toMatchObject({ status: 'active' });
    expect(byKey[currentBidEntity.sk({ lotId, bidderRef: ref })]).toMatchObject({
      bidId: third.response.body.bid.bidId,
      version: 3,
      status: 'active',
    });
    // Only the one active version is ever counted: the others stay, never to be opened.
    expect(
      items.filter((i) => i.sk.startsWith(bidVersionEntity.skPrefix({})) && i.status === 'active'),
    ).toHaveLength(1);

    const events = (await bidAuditTrail(tender.tenderId))
      .filter((e) => e.change?.bidderRef === ref)
      .map((e) => [e.action, e.object.id]);
    expect(events).toEqual([
      ['bid.submitted', firstId],
      ['bid.replaced', secondId],
      ['bid.withdrawn', secondId],
      ['bid.submitted', third.response.body.bid.bidId],
    ]);

    // The contractor sees its whole history with the receipts.
    const mine = await cloud.call('GET', `/me/bids?tenderId=${tender.tenderId}`, { token: carol.token });
    expect(mine.body.items.map((b: any) => [b.version, b.status])).toEqual([
      [1, 'superseded'],
      [2, 'withdrawn'],
      [3, 'active'],
    ]);
    const own = await cloud.call('GET', withdrawPath(secondId), { token: carol.token });
    expect(own.body).toMatchObject({ status: 'withdrawn', receipt: second.response.body.receipt });

    // Across tenders, page by page: the contractor's own index, under yet another pseudonym.
    const elsewhere = await publishedTender(cloud, entity);
    const there = await submit(cloud, carol, elsewhere, elsewhere.lots[1].lotId, { total: 5 });
    expect(there.response.status, JSON.stringify(there.response.body)).toBe(201);
    expect(await refOf(carol, elsewhere.tenderId)).not.toBe(ref);
    const pages: any[][] = [];
    let cursor: string | undefined;
    do {
      const page = await cloud.call('GET', `/me/bids?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        token: carol.token,
      });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      pages.push(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    const expected = [...[1, 2, 3].map((v) => [tender.tenderId, v]), [elsewhere.tenderId, 1]].sort((a, b) =>
      `${a[0]}#${a[1]}` < `${b[0]}#${b[1]}` ? -1 : 1,
    );
    expect(pages.flat().map((b) => [b.tenderId, b.version])).toEqual(expected);
    expect(pages.flat().every((b) => b.contractorId === carol.contractorId)).toBe(true);
    const bad = await cloud.call('GET', '/me/bids?cursor=bm90LWEtY3Vyc29y', { token: carol.token });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'query.cursor']);
  });
});

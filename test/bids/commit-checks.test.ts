// The commit's checks come in a fixed order, each with its own error: eligibility, the tender and
// lot, the server's time against the deadline, the stored checksum, the signature. The upload
// ticket is signed for exactly one object and dies with the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from '../../shared/runtime/ids.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
  setStoredDeadline,
} from '../tenders/fixtures.ts';
import {
  bidder,
  bidItems,
  commit,
  refOf,
  requestUpload,
  seal,
  sha256Hex,
  signFor,
  upload,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud({ BID_ENVELOPE_MAX_BYTES: String(64 * 1024), PRESIGN_TTL_SECONDS: '900' });
  entity = await procuringEntity(cloud);
  admin = await cloud.token('admin-bids', 'admin');
});
afterAll(() => cloud?.stop());

describe('the upload ticket', () => {
  it('is signed for the size, checksum and no-overwrite, and expires by the deadline', async () => {
    const tender = await publishedTender(cloud, entity, {
      submissionDeadline: fromNow(120_000),
      questionsDeadline: fromNow(60_000),
    });
    const alice = await bidder(cloud);
    const lotId = tender.lots[0].lotId;
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 1 },
    );
    const ticket = await requestUpload(cloud, alice, tender.tenderId, lotId, envelope);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const url = new URL(ticket.body.uploadUrl);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(120);
    expect(Date.parse(ticket.body.expiresAt)).toBeLessThanOrEqual(Date.parse(tender.submissionDeadline));
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining([
        'content-length',
        'x-amz-checksum-sha256',
        'x-amz-sdk-checksum-algorithm',
        'if-none-match',
      ]),
    );
    // Under the caller's pseudonym on the tender, never its id.
    expect(url.pathname).toContain(
      `/tenders/${tender.tenderId}/lots/${lotId}/bidders/${await refOf(alice, tender.tenderId)}/`,
    );
    expect(url.pathname).not.toContain(alice.contractorId);
    expect(ticket.body).toMatchObject({
      method: 'PUT',
      size: envelope.bytes.length,
      sha256: envelope.sha256,
      headers: {
        'x-amz-checksum-sha256': Buffer.from(envelope.sha256, 'hex').toString('base64'),
        'if-none-match': '*',
      },
    });

    const tooLarge = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bid-uploads`, {
      token: alice.token,
      body: { size: 64 * 1024 + 1, sha256: envelope.sha256 },
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors[0].field).toBe('body.size');

    await setStoredDeadline(tender.tenderId, 'submissionDeadline', fromNow(-1));
    const late = await requestUpload(cloud, alice, tender.tenderId, lotId, envelope);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DEADLINE_PASSED');
  });
});

describe('commit checks', () => {
  it('refuses in order: eligibility, tender, lot, deadline, checksum, signature', async () => {
    const alice = await bidder(cloud);
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId;
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 9 },
    );
    const uploadId = await upload(cloud, alice, tender.tenderId, lotId, envelope);
    // Every check would fail at once: the checksum and the signature are wrong too.
    const everythingWrong = async (tenderId = tender.tenderId, lot = lotId) =>
      commit(cloud, alice, tenderId, lot, {
        uploadId,
        envelopeSha256: sha256Hex(new Uint8Array([9])),
        signature: await signFor(alice, tenderId, lot, sha256Hex(new Uint8Array([8]))),
      });

    const setStatus = async (body: Record<string, unknown>) => {
      const current = await cloud.call('GET', `/contractors/${alice.contractorId}`, { token: admin });
      const changed = await cloud.call('PUT', `/contractors/${alice.contractorId}/status`, {
        token: admin,
        headers: ifMatch(current.body.version),
        body,
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    };
    await setStatus({ status: 'debarred', reason: 'Gian lận trong đấu thầu' });
    await setStoredDeadline(tender.tenderId, 'submissionDeadline', fromNow(-1000));
    const cancelled = await cloud.call('POST', `/tenders/${tender.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: { reason: 'Thay đổi kế hoạch' },
    });
    expect(cancelled.status).toBe(200);

    const expectCode = async (code: string, status: number, tenderId?: string, lot?: string) => {
      const refused = await everythingWrong(tenderId, lot);
      expect(refused.status, JSON.stringify(refused.body)).toBe(status);
      expect(refused.body.code).toBe(code);
      return refused;
    };
    expect((await expectCode('CONTRACTOR_NOT_ELIGIBLE', 403)).body.detail).toContain('debarred');
    await setStatus({ status: 'active' });
    await expectCode('TENDER_CANCELLED', 409);
    const draft = await createDraft(cloud, entity);
    await expectCode('TENDER_NOT_FOUND', 404, draft.tenderId, draft.lots[0].lotId);

    // The same bid on a tender that is still open, then closing on it.
    const open = await publishedTender(cloud, entity);
    const openLot = open.lots[0].lotId;
    const openEnvelope = await seal(
      open,
      { tenderId: open.tenderId, lotId: openLot, contractorId: alice.contractorId },
      { total: 9 },
    );
    const openUpload = await upload(cloud, alice, open.tenderId, openLot, openEnvelope);
    await expectCode('LOT_NOT_FOUND', 404, open.tenderId, ulid());
    const wrong = (body: Record<string, unknown>) =>
      commit(cloud, alice, open.tenderId, openLot, {
        uploadId: openUpload,
        envelopeSha256: openEnvelope.sha256,
        ...body,
      });
    const mismatch = await wrong({
      envelopeSha256: sha256Hex(new Uint8Array([9])),
      signature: await signFor(alice, open.tenderId, openLot, sha256Hex(new Uint8Array([8]))),
    });
    expect(mismatch.body.code).toBe('ENVELOPE_CHECKSUM_MISMATCH');
    const badSignature = await wrong({
      signature: await signFor(alice, open.tenderId, openLot, sha256Hex(new Uint8Array([8]))),
    });
    expect(badSignature.body.code).toBe('SIGNATURE_INVALID');
    await setStoredDeadline(open.tenderId, 'submissionDeadline', fromNow(-1));
    const late = await wrong({});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'DEADLINE_PASSED', deadline: expect.any(String) });

    expect(await bidItems(tender.tenderId)).toEqual([]);
    expect(await bidItems(open.tenderId)).toEqual([]);
  });

  it('refuses callers who are not registered contractors, and bad input naming the field', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId;
    const stranger = await cloud.token(`nobody-${crypto.randomUUID()}`, 'contractor');
    const unregistered = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bid-uploads`, {
      token: stranger,
      body: { size: 100, sha256: sha256Hex(new Uint8Array([1])) },
    });
    expect(unregistered.status).toBe(403);
    expect(unregistered.body.code).toBe('CONTRACTOR_NOT_REGISTERED');
    expect(
      (
        await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bid-uploads`, {
          token: entity.token,
          body: { size: 100, sha256: sha256Hex(new Uint8Array([1])) },
        })
      ).status,
    ).toBe(403);

    const alice = await bidder(cloud);
    const bad = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bids`, {
      token: alice.token,
      headers: { 'idempotency-key': 'k1' },
      body: {
        uploadId: 'nope',
        envelopeSha256: 'xyz',
        signature: 'short',
        signingKeyId: alice.key.keyId,
        price: 1,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(
      ['body.envelopeSha256', 'body.price', 'body.signature', 'body.uploadId'].sort(),
    );
    const ticket = await requestUpload(cloud, alice, tender.tenderId, lotId, {
      bytes: new Uint8Array(10),
      sha256: 'zz',
    });
    expect(ticket.status).toBe(400);
    expect(ticket.body.errors[0].field).toBe('body.sha256');
  });
});

// Bidding documents with real uploads to the S3 emulator through the presigned URLs.
import { createHash } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { documentEntity, revisionEntity } from '../../shared/entities/tenders.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  dayMs,
  type Entity,
  ifMatch,
  letTimePass,
  procuringEntity,
  publishedTender,
  registeredContractor,
  storedItem,
  storedTender,
  tenderAuditTrail,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  // The law's periods (no acceleration): the amendment rule below is checked at 3 working days.
  cloud = await startTestCloud({
    DOCUMENT_MAX_BYTES: String(1024 * 1024),
    PRESIGN_TTL_SECONDS: '600',
    PERIOD_ACCELERATION: '1',
  });
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const sha256 = (bytes: Buffer, encoding: 'hex' | 'base64' = 'hex') =>
  createHash('sha256').update(bytes).digest(encoding);
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

async function requestUpload(tenderId: string, bytes: Buffer, overrides: Record<string, unknown> = {}) {
  return cloud.call('POST', `/tenders/${tenderId}/documents`, {
    token: entity.token,
    body: {
      fileName: 'Hồ sơ mời thầu.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      ...overrides,
    },
  });
}

async function upload(ticket: any, bytes: Buffer, headers: Record<string, string> = ticket.headers) {
  const response = await fetch(ticket.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes), headers });
  return { status: response.status, text: await response.text() };
}

const confirm = (tenderId: string, documentId: string) =>
  cloud.call('POST', `/tenders/${tenderId}/documents/${documentId}/confirm`, { token: entity.token });

describe('uploading a bidding document', () => {
  it('signs a PUT for the declared size and checksum, confirms the upload and serves it once published', async () => {
    const draft = await createDraft(cloud, entity);
    const bytes = pdf('Chương I. Chỉ dẫn nhà thầu');
    const requested = await requestUpload(draft.tenderId, bytes, { sha256: sha256(bytes, 'base64') });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const ticket = requested.body;
    const documentId = ticket.document.documentId as string;
    expect(ticket.document).toMatchObject({ status: 'pending', sha256: sha256(bytes), size: bytes.length });
    expect(ticket.headers['x-amz-checksum-sha256']).toBe(sha256(bytes, 'base64'));
    const url = new URL(ticket.uploadUrl);
    expect(url.pathname).toMatch(new RegExp(`/tenders/${draft.tenderId}/${documentId}$`));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']),
    );
    const pending = await storedItem(
      'TABLE_TENDERS',
      documentEntity.pk({ tenderId: draft.tenderId }),
      documentEntity.sk({ documentId }),
    );
    expect(pending).toMatchObject({
      status: 'pending',
      objectKey: `tenders/${draft.tenderId}/${documentId}`,
    });

    // Not uploaded yet: nothing to confirm.
    expect((await confirm(draft.tenderId, documentId)).status).toBe(409);

    expect((await upload(ticket, bytes)).status).toBe(200);
    const confirmed = await confirm(draft.tenderId, documentId);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.document).toMatchObject({ status: 'available' });
    expect(confirmed.body.revision).toBeUndefined();
    const available = await storedItem(
      'TABLE_TENDERS',
      documentEntity.pk({ tenderId: draft.tenderId }),
      documentEntity.sk({ documentId }),
    );
    expect(available).toMatchObject({ status: 'available' });
    expect(available?.versionId).toEqual(expect.any(String));
    expect(await storedTender(draft.tenderId)).toMatchObject({
      version: 2,
      documents: [{ documentId, sha256: sha256(bytes), size: bytes.length }],
    });
    expect((await confirm(draft.tenderId, documentId)).status).toBe(409);

    // A draft's document is not public.
    expect((await cloud.call('GET', `/tenders/${draft.tenderId}/documents/${documentId}`)).status).toBe(404);
    const published = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
      token: entity.token,
      headers: ifMatch(2),
    });
    expect(published.body.documents).toEqual([expect.objectContaining({ documentId, revision: 1 })]);
    const link = await cloud.call('GET', `/tenders/${draft.tenderId}/documents/${documentId}`);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({
      sha256: sha256(bytes),
      size: bytes.length,
      contentType: 'application/pdf',
    });
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    // Served as an attachment, pinned to the S3 version that confirmation checked.
    const signed = new URL(link.body.url).searchParams;
    expect(signed.get('response-content-disposition')).toContain('attachment');
    expect(signed.get('versionId')).toBe(available?.versionId);

    // Overwriting the key later (the upload URL is still valid) does not change what is served.
    await upload(ticket, pdf('Chương I. Chỉ dẫn nhà thầu (sửa trái phép)').subarray(0, bytes.length));
    const again = await fetch(
      (await cloud.call('GET', `/tenders/${draft.tenderId}/documents/${documentId}`)).body.url,
    );
    expect(sha256(Buffer.from(await again.arrayBuffer()))).toBe(sha256(bytes));

    const actions = (await tenderAuditTrail(draft.tenderId)).map((e) => e.action);
    expect(actions).toEqual([
      'tender.created',
      'document.upload-requested',
      'document.confirmed',
      'tender.published',
    ]);
  });

  it('refuses an upload whose bytes do not match the declared SHA-256 or size', async () => {
    const draft = await createDraft(cloud, entity);
    const bytes = pdf('Chương II. Bảng dữ liệu đấu thầu');

    // Same length, other bytes.
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10] ?? 0) ^ 0xff;
    const first = (await requestUpload(draft.tenderId, bytes)).body;
    await upload(first, tampered);
    const wrongDigest = await confirm(draft.tenderId, first.document.documentId);
    expect(wrongDigest.status).toBe(422);
    expect(wrongDigest.body.errors[0].field).toBe('document.sha256');

    // Other length (S3 refuses it by signature; an emulator may not, confirmation does).
    const second = (await requestUpload(draft.tenderId, bytes)).body;
    const longer = Buffer.concat([bytes, Buffer.from('extra')]);
    const put = await upload(second, longer);
    if (put.status === 200) {
      const wrongSize = await confirm(draft.tenderId, second.document.documentId);
      expect(wrongSize.status).toBe(422);
      expect(wrongSize.body.errors[0].field).toBe('document.size');
    } else {
      expect(put.status).toBeGreaterThanOrEqual(400);
    }

    // A client claiming another checksum than the one signed: S3 refuses the signature; where the
    // stored checksum is the claimed one, confirmation compares it with the declared digest.
    const third = (await requestUpload(draft.tenderId, bytes)).body;
    const claimed = await upload(third, tampered, {
      ...third.headers,
      'x-amz-checksum-sha256': sha256(tampered, 'base64'),
      'x-amz-sdk-checksum-algorithm': 'SHA256',
    });
    if (claimed.status === 200) {
      const refused = await confirm(draft.tenderId, third.document.documentId);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('document.sha256');
    } else {
      expect(claimed.status).toBeGreaterThanOrEqual(400);
    }

    for (const ticket of [first, second, third]) {
      const stored = await storedItem(
        'TABLE_TENDERS',
        documentEntity.pk({ tenderId: draft.tenderId }),
        documentEntity.sk({ documentId: ticket.document.documentId }),
      );
      expect(stored?.status).toBe('pending');
    }
    expect(await storedTender(draft.tenderId)).toMatchObject({ version: 1, documents: [] });
  });

  it('confirms using the checksum S3 stored when there is one', async () => {
    const draft = await createDraft(cloud, entity);
    const bytes = pdf('Chương III. Tiêu chuẩn đánh giá');
    const ticket = (await requestUpload(draft.tenderId, bytes)).body;
    const put = await upload(ticket, bytes, { ...ticket.headers, 'x-amz-sdk-checksum-algorithm': 'SHA256' });
    expect(put.status).toBe(200);
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: process.env.BUCKET_DOCUMENTS,
        Key: `tenders/${draft.tenderId}/${ticket.document.documentId}`,
        ChecksumMode: 'ENABLED',
      }),
    );
    expect(head.ChecksumSHA256).toBe(sha256(bytes, 'base64'));
    expect((await confirm(draft.tenderId, ticket.document.documentId)).status).toBe(200);
  });

  it('records a document added to a published tender as a new revision, extending a close deadline', async () => {
    // A small package (VND 2.5 bn of goods): published 30 days ahead, then 28 days pass, leaving
    // fewer than the 3 working days an amendment must leave (this file runs the law's periods).
    const published = await publishedTender(cloud, entity);
    await letTimePass(published.tenderId, 28 * dayMs);
    const tender = {
      ...published,
      submissionDeadline: (await storedTender(published.tenderId))?.submissionDeadline,
    };
    const bytes = pdf('Sửa đổi HSMT số 1');
    const ticket = (await requestUpload(tender.tenderId, bytes)).body;
    await upload(ticket, bytes);
    const confirmed = await confirm(tender.tenderId, ticket.document.documentId);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.revision).toMatchObject({
      revision: 2,
      kind: 'document',
      changedFields: ['documents', 'submissionDeadline'],
    });
    const to = addWorkingDays(confirmed.body.revision.at, 3);
    expect(confirmed.body.deadlineExtended).toMatchObject({ from: tender.submissionDeadline, to });
    expect(await storedTender(tender.tenderId)).toMatchObject({
      revision: 2,
      version: tender.version + 1,
      submissionDeadline: to,
      documents: [expect.objectContaining({ documentId: ticket.document.documentId, revision: 2 })],
    });
    const revision = await storedItem(
      'TABLE_TENDERS',
      revisionEntity.pk({ tenderId: tender.tenderId }),
      revisionEntity.sk({ revision: 2 }),
    );
    expect(revision?.snapshot.documents).toHaveLength(1);
    const detail = await cloud.call('GET', `/tenders/${tender.tenderId}`);
    expect(detail.body.revisions.map((r: any) => r.kind)).toEqual(['publication', 'document']);
  });
});

describe('document refusals', () => {
  it('refuses disallowed types, oversize files and malformed digests, naming the field', async () => {
    const draft = await createDraft(cloud, entity);
    const bytes = pdf('x');
    const cases: [Record<string, unknown>, string][] = [
      [{ contentType: 'application/x-msdownload' }, 'body.contentType'],
      [{ size: 2 * 1024 * 1024 }, 'body.size'],
      [{ size: 0 }, 'body.size'],
      [{ sha256: 'abc' }, 'body.sha256'],
      [{ fileName: '../../etc/passwd' }, 'body.fileName'],
      [{ documentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'body.documentId'],
    ];
    for (const [overrides, field] of cases) {
      const response = await requestUpload(draft.tenderId, bytes, overrides);
      expect(response.status, field).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('lets only the owning procuring entity add documents, and only before the deadline', async () => {
    const tender = await publishedTender(cloud, entity);
    const contractor = await registeredContractor(cloud);
    const body = { fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    expect(
      (await cloud.call('POST', `/tenders/${tender.tenderId}/documents`, { token: contractor.token, body }))
        .status,
    ).toBe(403);
    const cancelled = await publishedTender(cloud, entity);
    await cloud.call('POST', `/tenders/${cancelled.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(cancelled.version),
      body: { reason: 'Hủy' },
    });
    expect((await requestUpload(cancelled.tenderId, pdf('y'))).status).toBe(409);
    expect(
      (await cloud.call('GET', `/tenders/${tender.tenderId}/documents/01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status,
    ).toBe(404);
  });
});

// Tampering, each refused with its own error. What the commit can check without reading the bid
// (the stored checksum against the signed hash, the signature) it refuses; what only the opening
// key reveals (a changed byte inside a consistently hashed envelope, an envelope sealed for
// another tender) the opening refuses, with the sealing library's errors. Nothing refused leaves
// a bid or an audit event behind.
import { HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openManifest,
  openPriceForm,
  readEnvelopeHeader,
  type SealingError,
  signSubmission,
} from '../../shared/sealing/index.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  type Bidder,
  bidAuditTrail,
  bidder,
  bidItems,
  commit,
  openingKeyOf,
  put,
  refOf,
  requestUpload,
  type SealedEnvelope,
  seal,
  sha256Hex,
  signFor,
  storedObject,
  upload,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let tender: any;
let lotId: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  tender = await publishedTender(cloud, entity);
  lotId = tender.lots[0].lotId;
});
afterAll(() => cloud?.stop());

const flip = (bytes: Uint8Array, at: number): SealedEnvelope => {
  const changed = new Uint8Array(bytes);
  changed[at] = (changed[at] as number) ^ 0x01;
  return { bytes: changed, sha256: sha256Hex(changed) };
};

async function nothingStoredFor(who: Bidder) {
  const items = (await bidItems(tender.tenderId)).filter((i) => i.contractorId === who.contractorId);
  expect(items).toEqual([]);
  const events = (await bidAuditTrail(tender.tenderId)).filter(
    (e) => e.change?.contractorId === who.contractorId,
  );
  expect(events).toEqual([]);
}

async function openingError(who: Bidder, bytes: Uint8Array, binding = { tenderId: tender.tenderId, lotId }) {
  const context = {
    openingKey: await openingKeyOf(tender.tenderId),
    binding: { ...binding, contractorId: who.contractorId },
  };
  return openPriceForm(context, bytes).then(
    () => 'OPENED',
    (error: SealingError) => error.code,
  );
}

describe('refused at commit', () => {
  it('a bad signature: over another hash, another tender, or by another key', async () => {
    const alice = await bidder(cloud);
    const mallory = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 1 },
    );
    const uploadId = await upload(cloud, alice, tender.tenderId, lotId, envelope);
    const signatures = [
      await signFor(alice, tender.tenderId, lotId, sha256Hex(new Uint8Array([1]))),
      await signFor(alice, lotId, tender.tenderId, envelope.sha256),
      await signSubmission(mallory.key.privateKey, {
        tenderId: tender.tenderId,
        lotId,
        contractorId: alice.contractorId,
        envelopeSha256: envelope.sha256,
      }),
    ];
    for (const signature of signatures) {
      const refused = await commit(cloud, alice, tender.tenderId, lotId, {
        uploadId,
        envelopeSha256: envelope.sha256,
        signature,
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'SIGNATURE_INVALID',
        errors: [{ field: 'body.signature' }],
      });
    }
    await nothingStoredFor(alice);
  });

  it('a checksum mismatch: the bytes that reached S3 are not the ones signed', async () => {
    const alice = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 2 },
    );
    const changed = flip(envelope.bytes, envelope.bytes.length - 20);
    const ticket = await requestUpload(cloud, alice, tender.tenderId, lotId, envelope);
    // On AWS a body that does not match the signed x-amz-checksum-sha256 is refused at upload
    // (BadDigest) and one without it fails the signature. The emulator stores whatever comes, and
    // keeps the checksum it computes itself when none is claimed: the commit's check is what
    // catches it here.
    const uploaded = await put(ticket.body, changed.bytes, {
      'x-amz-sdk-checksum-algorithm': 'SHA256',
      'if-none-match': '*',
    });
    if (uploaded.status === 200) {
      const refused = await commit(cloud, alice, tender.tenderId, lotId, {
        uploadId: ticket.body.uploadId,
        envelopeSha256: envelope.sha256,
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'ENVELOPE_CHECKSUM_MISMATCH',
        errors: [{ field: 'body.envelopeSha256' }],
      });
      expect(refused.body.detail).toContain(changed.sha256);
    } else {
      expect(uploaded.status).toBeGreaterThanOrEqual(400);
    }
    await nothingStoredFor(alice);
  });

  it('an envelope never uploaded, an unknown or retired signing key', async () => {
    const alice = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 3 },
    );
    const ticket = await requestUpload(cloud, alice, tender.tenderId, lotId, envelope);
    const notUploaded = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: ticket.body.uploadId,
      envelopeSha256: envelope.sha256,
    });
    expect(notUploaded.body.code).toBe('ENVELOPE_NOT_UPLOADED');
    expect((await put(ticket.body, envelope.bytes)).status).toBe(200);

    const stranger = await bidder(cloud);
    const unknown = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${lotId}/bids`, {
      token: alice.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        uploadId: ticket.body.uploadId,
        envelopeSha256: envelope.sha256,
        signingKeyId: stranger.key.keyId,
        signature: await signFor(alice, tender.tenderId, lotId, envelope.sha256),
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'SIGNING_KEY_UNKNOWN',
      errors: [{ field: 'body.signingKeyId' }],
    });

    const retire = await cloud.call(
      'DELETE',
      `/contractors/${alice.contractorId}/signing-keys/${alice.key.keyId}`,
      {
        token: alice.token,
      },
    );
    expect(retire.status).toBe(200);
    const retired = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: ticket.body.uploadId,
      envelopeSha256: envelope.sha256,
    });
    expect(retired.status).toBe(422);
    expect(retired.body.code).toBe('SIGNING_KEY_RETIRED');
    await nothingStoredFor(alice);
  });
});

describe('refused by S3', () => {
  it('a second upload through the same ticket: the first object stays the only version', async () => {
    const alice = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 4 },
    );
    const ticket = await requestUpload(cloud, alice, tender.tenderId, lotId, envelope);
    expect((await put(ticket.body, envelope.bytes)).status).toBe(200);
    const overwrite = await put(ticket.body, flip(envelope.bytes, 100).bytes);
    expect(overwrite.status).toBe(412);
    expect(overwrite.text).toContain('PreconditionFailed');
    const key = `tenders/${tender.tenderId}/lots/${lotId}/bidders/${await refOf(alice, tender.tenderId)}/${ticket.body.uploadId}.sealed`;
    const versions = await s3.send(
      new ListObjectVersionsCommand({ Bucket: process.env.BUCKET_BIDS, Prefix: key }),
    );
    expect(versions.Versions).toHaveLength(1);
    expect((await storedObject(key)).bytes).toEqual(envelope.bytes);
    const head = await s3.send(new HeadObjectCommand({ Bucket: process.env.BUCKET_BIDS, Key: key }));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
  });
});

describe('accepted sealed, refused at opening', () => {
  // The commit cannot read an envelope (by design), so an envelope corrupted before the contractor
  // hashed and signed it is stored as signed; the opening key tells, and the opener refuses it.
  it('a changed byte in the envelope: tampered header or tampered chunk', async () => {
    const alice = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 5 },
    );
    expect(await openingError(alice, envelope.bytes)).toBe('OPENED');
    // The last byte of the header is its MAC; the last byte of the envelope is the manifest's tag.
    const { headerLength } = readEnvelopeHeader(envelope.bytes);
    expect(await openingError(alice, flip(envelope.bytes, headerLength - 1).bytes)).toBe('TAMPERED_HEADER');
    expect(await openingError(alice, flip(envelope.bytes, headerLength + 1).bytes)).toBe('TAMPERED_CHUNK');
    const changed = flip(envelope.bytes, envelope.bytes.length - 1);
    const uploadId = await upload(cloud, alice, tender.tenderId, lotId, changed);
    const accepted = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId,
      envelopeSha256: changed.sha256,
    });
    expect(accepted.status).toBe(201);
    const stored = (await bidItems(tender.tenderId)).find((i) => i.bidId === accepted.body.bid.bidId);
    const { bytes } = await storedObject(stored!.envelopeKey, stored!.envelopeVersionId);
    expect(sha256Hex(bytes)).toBe(accepted.body.receipt.envelopeSha256);
    const context = {
      openingKey: await openingKeyOf(tender.tenderId),
      binding: { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
    };
    await expect(openManifest(context, bytes)).rejects.toMatchObject({ code: 'TAMPERED_CHUNK' });
  });

  it('a wrong tender in the associated data: binding mismatch, or sealed to another tender key', async () => {
    const alice = await bidder(cloud);
    const other = await publishedTender(cloud, entity);
    const boundElsewhere = await seal(
      tender,
      { tenderId: other.tenderId, lotId, contractorId: alice.contractorId },
      { total: 6 },
    );
    const uploadId = await upload(cloud, alice, tender.tenderId, lotId, boundElsewhere);
    const accepted = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId,
      envelopeSha256: boundElsewhere.sha256,
    });
    expect(accepted.status).toBe(201);
    expect(await openingError(alice, boundElsewhere.bytes)).toBe('BINDING_MISMATCH');

    const sealedToOther = await seal(
      other,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 7 },
    );
    expect(await openingError(alice, sealedToOther.bytes)).toBe('WRONG_OPENING_KEY');
  });
});

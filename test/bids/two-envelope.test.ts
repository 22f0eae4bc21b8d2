// Two-envelope tenders: the bid carries a technical envelope and a financial one, each uploaded,
// hashed and signed on its own (the financial one for the lot `<lotId>:financial`), committed
// together with one receipt naming both hashes, and stored as the opener reads them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdentity } from '../../shared/bids/sealed-identity.ts';
import { financialBinding, sealTwoEnvelopeBid } from '../../shared/opening/two-envelope.ts';
import { openPriceForm, signSubmission } from '../../shared/sealing/index.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  bidder,
  bidItems,
  commit,
  openingKeyOf,
  refOf,
  type SealedEnvelope,
  seal,
  sha256Hex,
  storedObject,
  upload,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const collect = async (stream: ReadableStream<Uint8Array>): Promise<SealedEnvelope> => {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, sha256: sha256Hex(bytes) };
};

describe('a two-envelope bid', () => {
  it('commits the technical and the financial envelope together, each checked and signed', async () => {
    const tender = await publishedTender(cloud, entity, { envelopeProcedure: 'two-envelope' });
    const lotId = tender.lots[0].lotId;
    const alice = await bidder(cloud);
    const binding = { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId };
    const sealed = await sealTwoEnvelopeBid({
      ...binding,
      tenderPublicKey: tender.openingPublicKey.jwk,
      technical: { bidSecurity: { amount: 30_000_000 }, validityDays: 120 },
      technicalDocuments: [],
      financial: { currency: 'VND', price: 1_950_000_000 },
    });
    const technical = await collect(sealed.technical.stream);
    const financial = await collect(sealed.financial.stream);
    const technicalUpload = await upload(cloud, alice, tender.tenderId, lotId, technical);
    const financialUpload = await upload(cloud, alice, tender.tenderId, lotId, financial);
    const financialSignature = await signSubmission(alice.key.privateKey, {
      ...financialBinding(binding),
      envelopeSha256: financial.sha256,
    });

    const alone = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: technicalUpload,
      envelopeSha256: technical.sha256,
    });
    expect(alone.status).toBe(422);
    expect(alone.body).toMatchObject({
      code: 'FINANCIAL_ENVELOPE_REQUIRED',
      errors: [{ field: 'body.financial' }],
    });

    // Signed as if it were the technical envelope: refused, naming the financial signature.
    const misSigned = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: technicalUpload,
      envelopeSha256: technical.sha256,
      financial: {
        uploadId: financialUpload,
        envelopeSha256: financial.sha256,
        signature: await signSubmission(alice.key.privateKey, {
          ...binding,
          envelopeSha256: financial.sha256,
        }),
      },
    });
    expect(misSigned.status).toBe(422);
    expect(misSigned.body).toMatchObject({
      code: 'SIGNATURE_INVALID',
      errors: [{ field: 'body.financial.signature' }],
    });
    const wrongHash = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: technicalUpload,
      envelopeSha256: technical.sha256,
      financial: {
        uploadId: financialUpload,
        envelopeSha256: technical.sha256,
        signature: financialSignature,
      },
    });
    expect(wrongHash.body).toMatchObject({
      code: 'ENVELOPE_CHECKSUM_MISMATCH',
      errors: [{ field: 'body.financial.envelopeSha256' }],
    });
    expect(await bidItems(tender.tenderId)).toEqual([]);

    const committed = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId: technicalUpload,
      envelopeSha256: technical.sha256,
      financial: {
        uploadId: financialUpload,
        envelopeSha256: financial.sha256,
        signature: financialSignature,
      },
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    expect(committed.body.receipt).toMatchObject({
      envelopeSha256: technical.sha256,
      financialEnvelopeSha256: financial.sha256,
    });
    expect(committed.body.bid.financial).toEqual({
      envelopeSha256: financial.sha256,
      envelopeSize: financial.bytes.length,
    });
    const version = (await bidItems(tender.tenderId)).find((i) => i.bidId === committed.body.bid.bidId);
    expect(version?.financial).toMatchObject({
      envelopeKey: `tenders/${tender.tenderId}/lots/${lotId}/bidders/${await refOf(alice, tender.tenderId)}/${financialUpload}.sealed`,
      envelopeSha256: financial.sha256,
      envelopeSize: financial.bytes.length,
      envelopeVersionId: expect.any(String),
    });
    // Both signatures travel sealed to the opening key with the bidder's identity.
    const identity = await openIdentity(
      await openingKeyOf(tender.tenderId),
      { tenderId: tender.tenderId, lotId, bidderRef: version!.bidderRef, bidId: version!.bidId },
      version!.sealedIdentity,
    );
    expect(identity).toMatchObject({ contractorId: alice.contractorId, financialSignature });

    // As the opener reads them: each envelope opens only in its own slot.
    const openingKey = await openingKeyOf(tender.tenderId);
    const stored = await storedObject(version!.financial.envelopeKey, version!.financial.envelopeVersionId);
    const opened = await openPriceForm({ openingKey, binding: financialBinding(binding) }, stored.bytes);
    expect(opened.priceForm).toEqual({ currency: 'VND', price: 1_950_000_000 });
    await expect(openPriceForm({ openingKey, binding }, stored.bytes)).rejects.toMatchObject({
      code: 'BINDING_MISMATCH',
    });
  });

  it('is refused on a one-envelope tender', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId;
    const alice = await bidder(cloud);
    const envelope = await seal(
      tender,
      { tenderId: tender.tenderId, lotId, contractorId: alice.contractorId },
      { total: 1 },
    );
    const uploadId = await upload(cloud, alice, tender.tenderId, lotId, envelope);
    const refused = await commit(cloud, alice, tender.tenderId, lotId, {
      uploadId,
      envelopeSha256: envelope.sha256,
      financial: { uploadId: uploadId, envelopeSha256: envelope.sha256, signature: 'A'.repeat(86) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('FINANCIAL_ENVELOPE_NOT_EXPECTED');
  });
});

// Publishing a tender makes its opening key pair: the public half is published with the tender,
// the private half is stored only wrapped by KMS under the tender id as encryption context.
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openingKeyEntity } from '../../shared/entities/tenders.ts';
import { importOpeningPrivateKey, jwkThumbprint } from '../../shared/sealing/index.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  auditEventsOf,
  createDraft,
  type Entity,
  ifMatch,
  procuringEntity,
  publishedTender,
  storedItem,
} from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const kms = new KMSClient({});
const unwrap = (wrapped: string, context: Record<string, string> | undefined) =>
  kms.send(
    new DecryptCommand({
      KeyId: process.env.KEY_TENDER_KEYS_ID,
      CiphertextBlob: Buffer.from(wrapped, 'base64'),
      ...(context ? { EncryptionContext: context } : {}),
    }),
  );

describe('tender opening keys', () => {
  it('publishes the public key and stores the private key only wrapped, bound to the tender id', async () => {
    const draft = await createDraft(cloud, entity);
    expect(draft.openingPublicKey).toBeUndefined();
    const tender = await publishedTender(cloud, entity);
    const { keyId, jwk } = tender.openingPublicKey;
    expect(jwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) });
    expect(await jwkThumbprint(jwk)).toBe(keyId);

    const publicView = await cloud.call('GET', `/tenders/${tender.tenderId}`);
    expect(publicView.body.openingPublicKey).toEqual({ keyId, jwk });

    const record = await storedItem(
      'TABLE_TENDERS',
      openingKeyEntity.pk({ tenderId: tender.tenderId }),
      openingKeyEntity.sk({}),
    );
    expect(record).toMatchObject({ tenderId: tender.tenderId, keyId, publicKeyJwk: jwk });
    expect(Object.keys(record!).sort()).toEqual(
      ['createdAt', 'keyId', 'pk', 'publicKeyJwk', 'sk', 'tenderId', 'wrappedPrivateKey'].sort(),
    );

    // Only the tender's own id as encryption context unwraps it, and it is the published key's pair.
    const plain = await unwrap(record!.wrappedPrivateKey, { tenderId: tender.tenderId });
    const privateKey = await importOpeningPrivateKey(new Uint8Array(plain.Plaintext!));
    expect(privateKey.publicKey.keyId).toBe(keyId);
    await expect(unwrap(record!.wrappedPrivateKey, { tenderId: draft.tenderId })).rejects.toThrow();
    await expect(unwrap(record!.wrappedPrivateKey, undefined)).rejects.toThrow();

    // Two tenders never share a key.
    const other = await publishedTender(cloud, entity);
    expect(other.openingPublicKey.keyId).not.toBe(keyId);

    const published = (await auditEventsOf('tender', tender.tenderId)).find(
      (e) => e.action === 'tender.published',
    );
    expect(published?.change).toMatchObject({ openingKeyId: keyId });
    expect(JSON.stringify(published)).not.toContain(record!.wrappedPrivateKey);
  });

  it('leaves a tender whose publication fails without any opening key', async () => {
    const draft = await createDraft(cloud, entity);
    const stale = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
      token: entity.token,
      headers: ifMatch(draft.version + 1),
    });
    expect(stale.status).toBe(412);
    expect(
      await storedItem(
        'TABLE_TENDERS',
        openingKeyEntity.pk({ tenderId: draft.tenderId }),
        openingKeyEntity.sk({}),
      ),
    ).toBeUndefined();
  });
});

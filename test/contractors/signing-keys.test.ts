// Contractors register the public keys that sign their bid submissions; keys are retired, never
// deleted, so a signature made before a rotation stays verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingKeyEntity } from '../../shared/entities/parties.ts';
import { generateSigningKeyPair } from '../../shared/sealing/index.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { auditEventsOf, registeredContractor, storedItem } from '../tenders/fixtures.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

const keysPath = (contractorId: string) => `/contractors/${contractorId}/signing-keys`;

describe('contractor signing keys', () => {
  it('adds keys, retires one, keeps both on record, and audits each change', async () => {
    const contractor = await registeredContractor(cloud);
    const first = await generateSigningKeyPair();
    const second = await generateSigningKeyPair();

    const added = await cloud.call('POST', keysPath(contractor.contractorId), {
      token: contractor.token,
      body: { publicKeyJwk: { ...first.publicKeyJwk, alg: 'ES256', use: 'sig' }, label: 'máy kế toán' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      contractorId: contractor.contractorId,
      keyId: first.keyId,
      publicKeyJwk: first.publicKeyJwk,
      status: 'active',
      label: 'máy kế toán',
    });
    expect(
      (
        await cloud.call('POST', keysPath(contractor.contractorId), {
          token: contractor.token,
          body: { publicKeyJwk: second.publicKeyJwk },
        })
      ).status,
    ).toBe(201);

    // The same key twice is a conflict, not a second record.
    const again = await cloud.call('POST', keysPath(contractor.contractorId), {
      token: contractor.token,
      body: { publicKeyJwk: first.publicKeyJwk },
    });
    expect(again.status).toBe(409);

    const retired = await cloud.call('DELETE', `${keysPath(contractor.contractorId)}/${first.keyId}`, {
      token: contractor.token,
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({
      keyId: first.keyId,
      status: 'retired',
      retiredAt: expect.any(String),
    });
    expect(
      (
        await cloud.call('DELETE', `${keysPath(contractor.contractorId)}/${first.keyId}`, {
          token: contractor.token,
        })
      ).status,
    ).toBe(409);

    // Public listing: both keys, the retired one still there with its public key.
    const listed = await cloud.call('GET', keysPath(contractor.contractorId));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ keyId: first.keyId, status: 'retired', publicKeyJwk: first.publicKeyJwk }),
        expect.objectContaining({ keyId: second.keyId, status: 'active' }),
      ]),
    );
    const stored = await storedItem(
      'TABLE_PARTIES',
      signingKeyEntity.pk({ contractorId: contractor.contractorId }),
      signingKeyEntity.sk({ keyId: first.keyId }),
    );
    expect(stored).toMatchObject({ status: 'retired', publicKeyJwk: first.publicKeyJwk });

    const actions = (await auditEventsOf('contractor', contractor.contractorId)).map((e) => e.action).sort();
    expect(actions).toEqual([
      'contractor.registered',
      'contractor.signing-key.added',
      'contractor.signing-key.added',
      'contractor.signing-key.retired',
    ]);
  });

  it("refuses private keys, points off the curve, and other contractors' keys", async () => {
    const owner = await registeredContractor(cloud);
    const other = await registeredContractor(cloud);
    const pair = await generateSigningKeyPair({ extractable: true });
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);

    const leaked = await cloud.call('POST', keysPath(owner.contractorId), {
      token: owner.token,
      body: { publicKeyJwk: privateJwk },
    });
    expect(leaked.status).toBe(400);
    expect(leaked.body.errors).toContainEqual(
      expect.objectContaining({
        field: 'body.publicKeyJwk.d',
        message: expect.stringContaining('private key'),
      }),
    );

    const offCurve = await cloud.call('POST', keysPath(owner.contractorId), {
      token: owner.token,
      body: { publicKeyJwk: { ...pair.publicKeyJwk, y: pair.publicKeyJwk.x } },
    });
    expect(offCurve.status).toBe(400);
    expect(offCurve.body.errors[0].field).toBe('body.publicKeyJwk');

    const foreign = await cloud.call('POST', keysPath(owner.contractorId), {
      token: other.token,
      body: { publicKeyJwk: pair.publicKeyJwk },
    });
    expect(foreign.status).toBe(403);
    const added = await cloud.call('POST', keysPath(owner.contractorId), {
      token: owner.token,
      body: { publicKeyJwk: pair.publicKeyJwk },
    });
    expect(added.status).toBe(201);
    const foreignRetire = await cloud.call('DELETE', `${keysPath(owner.contractorId)}/${pair.keyId}`, {
      token: other.token,
    });
    expect(foreignRetire.status).toBe(403);
    expect((await cloud.call('GET', keysPath(owner.contractorId))).body.items).toEqual([
      expect.objectContaining({ keyId: pair.keyId, status: 'active' }),
    ]);
  });
});

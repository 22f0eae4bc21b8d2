// The local HTTP API checks a bearer token the way the HTTP API JWT authorizer does: a known kid
// whose key verifies it, the issuer and audience, an exp in the future, and nbf/iat not in the
// future (with a small clock skew). Each token here is signed with the issuer's own key, so only
// the claim under test makes it bad.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAudience, localIssuer } from '../../infra/local/local-issuer.ts';
import { groupsClaim, organisationClaim } from '../../shared/auth/principal.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let privateJwk: JWK;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  privateJwk = JSON.parse(readFileSync(join(cloud.dataDir, 'issuer-key.json'), 'utf8'));
});
afterAll(() => cloud?.stop());

const now = () => Math.floor(Date.now() / 1000);
// The skew the check allows (local-issuer.ts clockSkewSeconds).
const clockSkewSeconds = 60;

/** A token signed with the issuer's key; `claims` and `header` override the good defaults. */
async function token(
  claims: Partial<JWTPayload> & Record<string, unknown> = {},
  header: Record<string, unknown> = {},
) {
  const payload: Record<string, unknown> = {
    sub: entity.sub,
    [groupsClaim]: ['procuring-entity'],
    [organisationClaim]: entity.organisationId,
    token_use: 'id',
    iss: localIssuer,
    aud: localAudience,
    iat: now(),
    exp: now() + 3600,
    ...claims,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid!, ...header })
    .sign(await importJWK(privateJwk, 'ES256'));
}

const call = async (bearer: string) => cloud.call('GET', '/entity/tenders', { token: bearer });

describe('the local token check', () => {
  it('accepts a good token, and one within the clock skew', async () => {
    expect((await call(await token())).status).toBe(200);
    expect((await call(await token({ iat: now() + 30, nbf: now() + 30 }))).status).toBe(200);
    expect((await call(await token({ exp: now() - 30 }))).status).toBe(200);
    expect(
      (await call(await cloud.token(entity.sub, 'procuring-entity', entity.organisationId))).status,
    ).toBe(200);
  });

  it.each([
    ['no exp', { exp: undefined }, {}],
    ['an exp past the skew', { exp: now() - clockSkewSeconds - 60 }, {}],
    ['an iat in the future', { iat: now() + clockSkewSeconds + 600 }, {}],
    ['an nbf in the future', { nbf: now() + clockSkewSeconds + 600 }, {}],
    ['an unknown kid', {}, { kid: 'someone-else' }],
    ['no kid', {}, { kid: undefined }],
    ['another issuer', { iss: 'https://issuer.example' }, {}],
    ['another audience', { aud: 'another-client' }, {}],
    ['no audience', { aud: undefined }, {}],
  ] as const)('refuses a token with %s: 401', async (_, claims, header) => {
    const response = await call(await token(claims, header));
    expect(response.status, JSON.stringify(response.body)).toBe(401);
  });

  it('refuses a token signed by another key under the right kid', async () => {
    const { generateKeyPair } = await import('jose');
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: entity.sub, [groupsClaim]: ['procuring-entity'] })
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect((await call(forged)).status).toBe(401);
  });
});

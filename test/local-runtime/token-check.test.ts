// The local HTTP API checks a bearer token the way the HTTP API JWT authorizer does with the
// Cognito pool as issuer: a kid of the pool's JWKS whose key verifies it (RS256 only), the issuer
// and audience (app client), an exp in the future, and nbf/iat not in the future (with a small
// clock skew). Tokens here are signed with moto's own pool key (a fixed key shipped in moto's
// source, read from its package), so only the claim under test makes them bad; and others with
// another key, no signature, another algorithm.
import { execFileSync } from 'node:child_process';
import { base64url, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockSkewSeconds } from '../../infra/local/jwt-authorizer.ts';
import { groupsClaim, organisationClaim } from '../../shared/auth/principal.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let poolKey: CryptoKey;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  // moto's key file has n, e and d only, which WebCrypto cannot import: joserfc (moto's own JOSE
  // library) reads it as moto does and writes it as PKCS#8, without importing moto itself.
  const pem = execFileSync('python3', [
    '-c',
    [
      'import gzip, importlib.util, json, os',
      'from joserfc import jwk',
      'd = os.path.join(os.path.dirname(importlib.util.find_spec("moto").origin), "cognitoidp", "resources")',
      'f = os.path.join(d, "jwks-private.json")',
      'data = gzip.open(f + ".gz").read() if os.path.exists(f + ".gz") else open(f, "rb").read()',
      'print(jwk.RSAKey.import_key(json.loads(data)).as_pem(private=True).decode())',
    ].join('\n'),
  ]).toString();
  poolKey = await importPKCS8(pem, 'RS256');
});
afterAll(() => cloud?.stop());

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the pool's key; `claims` and `header` override the good defaults. */
async function token(
  claims: Partial<JWTPayload> & Record<string, unknown> = {},
  header: Record<string, unknown> = {},
) {
  const payload: Record<string, unknown> = {
    sub: entity.sub,
    [groupsClaim]: ['procuring-entity'],
    [organisationClaim]: entity.organisationId,
    token_use: 'id',
    iss: cloud.userPool.issuer,
    aud: cloud.userPool.clientId,
    iat: now(),
    exp: now() + 3600,
    ...claims,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  const protectedHeader = { alg: 'RS256', kid: 'dummy', ...header };
  for (const [k, v] of Object.entries(protectedHeader))
    if (v === undefined) delete (protectedHeader as any)[k];
  return new SignJWT(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(poolKey);
}

const call = async (bearer: string) => cloud.call('GET', '/entity/tenders', { token: bearer });

describe('the local token check (the JWT authorizer with the Cognito pool)', () => {
  it('accepts the pool’s own tokens, a forged-alike good one, and one within the clock skew', async () => {
    expect(
      (await call(await cloud.token(entity.sub, 'procuring-entity', entity.organisationId))).status,
    ).toBe(200);
    expect((await call(await token())).status).toBe(200);
    expect((await call(await token({ iat: now() + 30, nbf: now() + 30 }))).status).toBe(200);
    expect((await call(await token({ exp: now() - 30 }))).status).toBe(200);
    // An access token names the client in client_id, with no aud: API Gateway accepts it too.
    expect(
      (await call(await token({ aud: undefined, client_id: cloud.userPool.clientId, token_use: 'access' })))
        .status,
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
    [
      'another pool’s issuer',
      { iss: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_other' },
      {},
    ],
    ['another audience', { aud: 'another-client' }, {}],
    ['no audience', { aud: undefined }, {}],
    ['another client_id and no aud', { aud: undefined, client_id: 'another-client' }, {}],
  ] as const)('refuses a token with %s: 401 problem', async (_, claims, header) => {
    const response = await call(await token(claims, header));
    expect(response.status, JSON.stringify(response.body)).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.code).toBe('UNAUTHORIZED');
  });

  it('refuses a token signed by another key under the pool’s kid', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: entity.sub, [groupsClaim]: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'dummy' })
      .setIssuer(cloud.userPool.issuer)
      .setAudience(cloud.userPool.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect((await call(forged)).status).toBe(401);
  });

  it('refuses alg none, and HS256 keyed with the public key', async () => {
    const good = (await token()).split('.');
    const header = (h: object) => base64url.encode(JSON.stringify(h));
    const none = `${header({ alg: 'none', kid: 'dummy' })}.${good[1]}.`;
    expect((await call(none)).status).toBe(401);
    const jwks = await (await fetch(cloud.userPool.jwksUrl)).text();
    const hmacKey = new TextEncoder().encode(jwks);
    const confused = await new SignJWT({ sub: entity.sub, [groupsClaim]: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'dummy' })
      .setIssuer(cloud.userPool.issuer)
      .setAudience(cloud.userPool.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(hmacKey);
    expect((await call(confused)).status).toBe(401);
    expect((await call('not.a.jwt')).status).toBe(401);
  });
});

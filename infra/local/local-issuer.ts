// Locally, this stands in for Cognito: it signs JWTs carrying the same claims (sub,
// cognito:groups, custom:organisation_id), and the local API verifies them the way the HTTP API
// JWT authorizer does before a handler sees them: a known `kid` whose key verifies the signature,
// the issuer, the audience, an `exp` in the future, and `nbf`/`iat` not in the future. API Gateway
// documents those checks but no clock skew; we allow CLOCK_SKEW_SECONDS each way, as a token
// minted by Cognito a moment "ahead" of this machine would otherwise be refused at random.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { groupsClaim, organisationClaim } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';

export const localIssuer = 'https://issuer.eproc.local';
export const localAudience = 'eproc-local';
/** Slack allowed on exp, nbf and iat for clocks that disagree a little. */
export const clockSkewSeconds = 60;

export interface TokenRequest {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly organisationId?: string;
  readonly ttlSeconds?: number;
}

export interface LocalIssuer {
  sign(request: TokenRequest): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  readonly publicJwk: JWK;
}

/** Loads the signing key from `keyFile`, creating it on first use, so tokens survive restarts. */
export async function openLocalIssuer(keyFile: string): Promise<LocalIssuer> {
  let privateJwk: JWK;
  if (existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now()}`, alg: 'ES256' };
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const kid = privateJwk.kid ?? 'local';
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'ES256');
  const publicKey = await importJWK(publicJwk, 'ES256');
  return {
    publicJwk,
    sign: ({ sub, roles, organisationId, ttlSeconds = 12 * 3600 }) =>
      new SignJWT({
        [groupsClaim]: [...roles],
        ...(organisationId ? { [organisationClaim]: organisationId } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(sub)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    verify: async (token) => {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          // The key set has one key: a token naming another (or none) was not signed by it.
          if (header.kid !== kid) throw new Error('unknown kid');
          return publicKey;
        },
        {
          issuer: localIssuer,
          audience: localAudience,
          algorithms: ['ES256'],
          requiredClaims: ['exp'],
          clockTolerance: clockSkewSeconds,
        },
      );
      // jose checks iat only when asked for a maximum age; API Gateway refuses one in the future.
      const nowSeconds = Math.floor(Date.now() / 1000);
      if (payload.iat !== undefined && payload.iat > nowSeconds + clockSkewSeconds) {
        throw new Error('iat is in the future');
      }
      return payload;
    },
  };
}

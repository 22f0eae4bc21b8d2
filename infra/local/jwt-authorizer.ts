// The local HTTP API's JWT authorizer, checking what API Gateway's does for a Cognito issuer: the
// token's `kid` names a key of the issuer's JWKS and that key verifies the RS256 signature (no
// other algorithm, `none` least of all), `iss` is the pool's issuer URL, `aud` (ID tokens) or
// `client_id` (access tokens) is the app client, `exp` is in the future and `nbf`/`iat` are not.
// API Gateway documents those checks but no clock skew; we allow CLOCK_SKEW_SECONDS each way, as
// a token minted a moment "ahead" of this machine would otherwise be refused at random. The key
// set is fetched from moto's /<poolId>/.well-known/jwks.json, again when a token names a kid it
// lacks (at most once a minute), as API Gateway refreshes its cached keys.
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose';

/** Slack allowed on exp, nbf and iat for clocks that disagree a little. */
export const clockSkewSeconds = 60;

export interface TokenVerifier {
  verify(token: string): Promise<JWTPayload>;
}

export interface JwtAuthorizerConfig {
  readonly issuer: string;
  /** The app client ids accepted (API Gateway's `audience`). */
  readonly audience: readonly string[];
  readonly jwksUrl: string;
}

export async function jwtAuthorizer(config: JwtAuthorizerConfig): Promise<TokenVerifier> {
  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let kids = new Set<string>();
  let fetchedAt = 0;
  const refresh = async () => {
    const response = await fetch(config.jwksUrl);
    if (!response.ok) throw new Error(`JWKS ${config.jwksUrl} answered ${response.status}`);
    const set = (await response.json()) as JSONWebKeySet;
    keys = createLocalJWKSet(set);
    kids = new Set(set.keys.map((k) => k.kid ?? ''));
    fetchedAt = Date.now();
  };
  await refresh();
  return {
    async verify(token) {
      const { kid, alg } = decodeProtectedHeader(token);
      if (alg !== 'RS256') throw new Error('only RS256');
      if (!kid) throw new Error('no kid');
      if (!kids.has(kid) && Date.now() - fetchedAt > 60_000) await refresh();
      if (!kids.has(kid) || !keys) throw new Error('unknown kid');
      const { payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: clockSkewSeconds,
      });
      // ID tokens name the client in aud, access tokens in client_id (API Gateway checks either).
      const audiences = payload.aud === undefined ? [] : [payload.aud].flat();
      const client = audiences.length > 0 ? audiences : [payload.client_id];
      if (!client.some((c) => typeof c === 'string' && config.audience.includes(c))) {
        throw new Error('audience');
      }
      // jose checks iat only when asked for a maximum age; API Gateway refuses one in the future.
      const nowSeconds = Math.floor(Date.now() / 1000);
      if (payload.iat !== undefined && payload.iat > nowSeconds + clockSkewSeconds) {
        throw new Error('iat is in the future');
      }
      return payload;
    },
  };
}

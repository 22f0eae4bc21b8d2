// Tokens for tests, benchmarks and the demo seed, minted through the local cloud's Cognito user
// pool (user-pool.ts mintToken: a user per sub, role and organisation, signed in with
// USER_PASSWORD_AUTH) and kept per (sub, role, organisation) while the ID token has more than five
// minutes left: callers ask often, and each mint is four Cognito calls.
import type { Role } from '../../shared/auth/roles.ts';
import { type LocalUserPool, mintToken } from './user-pool.ts';

export interface TokenRequest {
  readonly sub: string;
  readonly roles: readonly [Role];
  readonly organisationId?: string;
}

export interface TokenMinter {
  /** The pool's ID token for this caller. */
  sign(request: TokenRequest): Promise<string>;
}

export function tokenMinter(pool: LocalUserPool): TokenMinter {
  const minted = new Map<string, Promise<{ idToken: string; expiresAt: number }>>();
  const sign = async ({ sub, roles: [role], organisationId }: TokenRequest): Promise<string> => {
    const key = JSON.stringify([sub, role, organisationId ?? null]);
    let token = minted.get(key);
    if (!token) {
      token = mintToken(pool, sub, role, organisationId);
      minted.set(key, token);
      token.catch(() => minted.delete(key));
    }
    const { idToken, expiresAt } = await token;
    if (expiresAt - Date.now() > 5 * 60_000) return idToken;
    if (minted.get(key) === token) minted.delete(key);
    return sign({ sub, roles: [role], ...(organisationId ? { organisationId } : {}) });
  };
  return { sign };
}

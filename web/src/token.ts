// The bearer token a contractor pastes in (locally from `npm run token -- contractor <user>`).
// Decoded only to say who it is for and when it expires; the API verifies it.

export interface TokenClaims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly exp?: number;
}

export function readToken(token: string): TokenClaims | undefined {
  const payload = token.trim().split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof claims.sub !== 'string') return undefined;
    const roles = Array.isArray(claims.roles)
      ? claims.roles.map(String)
      : Array.isArray(claims['cognito:groups'])
        ? (claims['cognito:groups'] as unknown[]).map(String)
        : [];
    return { sub: claims.sub, roles, ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}) };
  } catch {
    return undefined;
  }
}

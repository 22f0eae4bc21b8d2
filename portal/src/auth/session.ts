// Who is signed in, kept in sessionStorage (gone when the tab closes) under one key, so every page
// and the API client read the same session. The sign-in page writes it from Cognito's answer; the
// API client takes its bearer token from here. Claims are decoded for display and routing only:
// the API verifies the token, the portal never trusts them for anything else.
import { useSyncExternalStore } from 'react';

export const sessionKey = 'eproc.session';

export type PortalRole = 'procuring-entity' | 'contractor' | 'auditor' | 'admin';

/** What Cognito's InitiateAuth answered, as stored. */
export interface StoredTokens {
  readonly idToken: string;
  readonly accessToken?: string;
  readonly refreshToken?: string;
}

export interface Session extends StoredTokens {
  readonly sub: string;
  readonly email?: string;
  readonly roles: readonly PortalRole[];
  readonly organisationId?: string;
  /** When the ID token expires, in ms since the epoch. */
  readonly expiresAt: number;
}

function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function toSession(tokens: StoredTokens): Session | null {
  try {
    const claims = decodeClaims(tokens.idToken);
    const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as PortalRole[]) : [];
    const organisationId = claims['custom:organisation_id'];
    const email = claims.email;
    return {
      ...tokens,
      sub: String(claims.sub ?? ''),
      roles: groups,
      expiresAt: Number(claims.exp ?? 0) * 1000,
      ...(typeof organisationId === 'string' ? { organisationId } : {}),
      ...(typeof email === 'string' ? { email } : {}),
    };
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cached: Session | null = null;

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(sessionKey);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      cached = raw ? toSession(JSON.parse(raw) as StoredTokens) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export function saveSession(tokens: StoredTokens): Session | null {
  sessionStorage.setItem(sessionKey, JSON.stringify(tokens));
  for (const listener of listeners) listener();
  return currentSession();
}

export function clearSession(): void {
  sessionStorage.removeItem(sessionKey);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user, re-rendering when they sign in or out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession, () => null);
}

/**
 * The bearer token for the next API call, or undefined when signed out. The sign-in module
 * replaces this with one that refreshes a token about to expire (Cognito REFRESH_TOKEN_AUTH).
 */
export async function bearerToken(): Promise<string | undefined> {
  return currentSession()?.idToken;
}

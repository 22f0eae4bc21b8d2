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

/** A token this close to its expiry is refreshed before it is sent. */
const refreshBeforeMs = 2 * 60_000;
let refreshing: Promise<string | undefined> | undefined;

/**
 * The bearer token for the next API call, or undefined when signed out. An ID token about to
 * expire is refreshed first (Cognito REFRESH_TOKEN_AUTH, one refresh at a time); a refused refresh
 * (the user was disabled or signed out elsewhere, the refresh token expired) ends the session, so
 * the next page asks to sign in again. A session without a refresh token (tests put a bare token)
 * is used as it is.
 */
export async function bearerToken(): Promise<string | undefined> {
  const session = currentSession();
  if (!session) return undefined;
  if (!session.refreshToken || session.expiresAt - Date.now() > refreshBeforeMs) return session.idToken;
  refreshing ??= (async () => {
    try {
      const { refresh } = await import('./cognito');
      const tokens = await refresh(session.refreshToken as string);
      return saveSession({
        idToken: tokens.IdToken,
        accessToken: tokens.AccessToken,
        refreshToken: session.refreshToken as string,
      })?.idToken;
    } catch (error) {
      // Refused (NotAuthorizedException): signed out. A network failure keeps the session.
      if ((error as { type?: string }).type === 'NotAuthorizedException') clearSession();
      return currentSession()?.idToken;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

// Cognito's JSON API, called with fetch (no SDK): USER_PASSWORD_AUTH sign-in (moto's SRP does not
// check the password, README "Sign-in"), the NEW_PASSWORD_REQUIRED answer, sign-up and its code,
// REFRESH_TOKEN_AUTH, sign-out. Where Cognito is comes from /portal-config.json (the local
// gateway serves it with its same-origin proxy; a deployment writes the pool's endpoint there).
import type { PortalConfig } from '../../../shared/auth/portal-config.ts';
import { apiBase } from '../api/client';

/** shared/auth/portal-config.ts: `cognitoEndpoint` is an absolute URL, or a path (the local proxy). */
export type AuthConfig = PortalConfig;

/** A refusal from Cognito: its exception name (`NotAuthorizedException`...), which pages translate. */
export class CognitoError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

let config: Promise<AuthConfig> | undefined;

export function authConfig(): Promise<AuthConfig> {
  // On the portal's own origin (deployed: a file in the portal bucket, not under /api).
  config ??= fetch(`${window.location.origin}/portal-config.json`).then(async (r) => {
    if (!r.ok) {
      config = undefined;
      throw new CognitoError('ConfigUnavailable', `portal-config.json answered ${r.status}`);
    }
    return (await r.json()) as AuthConfig;
  });
  return config;
}

async function call<T>(target: string, body: Record<string, unknown>): Promise<T> {
  const c = await authConfig();
  const endpoint = /^https?:/.test(c.cognitoEndpoint)
    ? c.cognitoEndpoint
    : `${window.location.origin}${apiBase}${c.cognitoEndpoint}`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify({ ClientId: c.clientId, ...body }),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const type = String(answer.__type ?? `HTTP_${response.status}`).replace(/^.*#/, '');
    throw new CognitoError(type, String(answer.message ?? ''));
  }
  return answer as T;
}

export interface Tokens {
  readonly IdToken: string;
  readonly AccessToken: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn: number;
}

export type SignInAnswer =
  | { readonly kind: 'signed-in'; readonly tokens: Tokens }
  | { readonly kind: 'new-password'; readonly session: string; readonly username: string };

interface AuthResponse {
  AuthenticationResult?: Tokens;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

function signInAnswer(answer: AuthResponse, username: string): SignInAnswer {
  if (answer.AuthenticationResult) return { kind: 'signed-in', tokens: answer.AuthenticationResult };
  if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED' && answer.Session) {
    return { kind: 'new-password', session: answer.Session, username };
  }
  throw new CognitoError(`Challenge_${answer.ChallengeName ?? 'unknown'}`, 'unsupported challenge');
}

export async function signIn(username: string, password: string): Promise<SignInAnswer> {
  const answer = await call<AuthResponse>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return signInAnswer(answer, username);
}

export async function completeNewPassword(session: string, username: string, newPassword: string) {
  const answer = await call<AuthResponse>('RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: session,
    ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
  });
  return signInAnswer(answer, username);
}

export async function refresh(refreshToken: string): Promise<Tokens> {
  const answer = await call<AuthResponse>('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  if (!answer.AuthenticationResult) throw new CognitoError('NotAuthorizedException', 'no tokens');
  return answer.AuthenticationResult;
}

export function signUp(email: string, password: string, name: string) {
  return call('SignUp', {
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'name', Value: name },
    ],
  });
}

export function confirmSignUp(email: string, code: string) {
  return call('ConfirmSignUp', { Username: email, ConfirmationCode: code });
}

export function resendCode(email: string) {
  return call('ResendConfirmationCode', { Username: email });
}

/** Revokes the refresh token (and so every token minted from it) before the session is dropped. */
export function revoke(refreshToken: string) {
  return call('RevokeToken', { Token: refreshToken });
}

// Who is calling, read from the claims the HTTP API JWT authorizer (or the local runtime, which
// verifies the same way) put on the request context.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Role, roles } from './roles.ts';

export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** The procuring entity (organisation) a `procuring-entity` user acts for. */
  readonly organisationId: string | undefined;
}

export const groupsClaim = 'cognito:groups';
export const organisationClaim = 'custom:organisation_id';

type Claims = Record<string, string | number | boolean | string[]>;

// API Gateway flattens array claims into a string such as "[admin contractor]".
function parseGroups(value: Claims[string] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function principalFrom(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt
    ?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const known = new Set<string>(roles);
  const org = claims[organisationClaim];
  return {
    sub: claims.sub,
    roles: parseGroups(claims[groupsClaim]).filter((g): g is Role => known.has(g)),
    organisationId: typeof org === 'string' && org.length > 0 ? org : undefined,
  };
}

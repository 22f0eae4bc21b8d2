// The local cloud's Cognito user pool, on moto (cognito-idp on the moto server): groups = the roles
// of shared/auth/roles.ts, the organisation as the custom attribute, one app client without a
// secret for the portal and curl. Provisioned by name, so a restart of `npm start` (whose moto
// restores its pools, moto-server.py --cognito-file) finds the same pool, client and users.
import { createHash } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { organisationClaim } from '../../shared/auth/principal.ts';
import { type Role, roles } from '../../shared/auth/roles.ts';
import { userPoolClientEnv, userPoolEnv } from '../../shared/resources/env-names.ts';

export const organisationAttribute = organisationClaim.replace(/^custom:/, '');

export interface LocalUserPool {
  readonly poolId: string;
  readonly clientId: string;
  readonly region: string;
  /** Where the Cognito JSON API answers (moto's port). */
  readonly endpoint: string;
  /** What Cognito puts in `iss`: AWS's shape, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  readonly issuer: string;
  /** The pool's key set, served by moto as Cognito serves it at <issuer>/.well-known/jwks.json. */
  readonly jwksUrl: string;
  /** The variables a function granted the pool sees (shared/resources/env-names.ts). */
  readonly env: Record<string, string>;
}

export function cognitoClient(endpoint: string, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Finds or creates `<prefix>-users`, its groups and its `<prefix>-web` client. */
export async function provisionUserPool(
  prefix: string,
  endpoint: string,
  region: string,
): Promise<LocalUserPool> {
  const cognito = cognitoClient(endpoint, region);
  const poolName = `${prefix}-users`;
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let poolId = pools.UserPools?.find((p) => p.Name === poolName)?.Id;
  if (!poolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: poolName,
        // As in AWS (infra/stacks/auth-stack.ts): users sign in with their e-mail address.
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'name', AttributeDataType: 'String', Mutable: true },
          {
            Name: organisationAttribute,
            AttributeDataType: 'String',
            Mutable: true,
            StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
          },
        ],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      }),
    );
    poolId = created.UserPool?.Id as string;
  }
  const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: poolId }));
  const existing = new Set(groups.Groups?.map((g) => g.GroupName));
  for (const role of roles) {
    if (!existing.has(role))
      await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: role }));
  }
  const clientName = `${prefix}-web`;
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === clientName)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: clientName,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        ReadAttributes: ['email', 'email_verified', 'name', organisationClaim],
        // Never custom:organisation_id: administrators decide it (moto does not enforce this).
        WriteAttributes: ['email', 'name'],
      }),
    );
    clientId = created.UserPoolClient?.ClientId as string;
  }
  return {
    poolId,
    clientId,
    region,
    endpoint,
    issuer: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
    jwksUrl: `${endpoint}/${poolId}/.well-known/jwks.json`,
    env: { [userPoolEnv('users')]: poolId, [userPoolClientEnv('users')]: clientId },
  };
}

/**
 * Signs a user in with USER_PASSWORD_AUTH, as the portal does; the tokens Cognito answers, or the
 * challenge (NEW_PASSWORD_REQUIRED) with its session.
 */
export async function passwordSignIn(pool: LocalUserPool, username: string, password: string) {
  const cognito = cognitoClient(pool.endpoint, pool.region);
  return cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** Creates (or finds) a confirmed user in the role's group, with a permanent password. */
export async function ensureUser(
  pool: LocalUserPool,
  user: {
    email: string;
    password: string;
    role: Role;
    organisationId?: string;
    /** Local only (moto-server.py): the user's sub; AWS always picks a UUID. */
    sub?: string;
    name?: string;
  },
): Promise<void> {
  const cognito = cognitoClient(pool.endpoint, pool.region);
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    ...(user.name ? [{ Name: 'name', Value: user.name }] : []),
    ...(user.organisationId ? [{ Name: organisationClaim, Value: user.organisationId }] : []),
    ...(user.sub ? [{ Name: 'sub', Value: user.sub }] : []),
  ];
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: user.email,
        UserAttributes: attributes,
        MessageAction: 'SUPPRESS',
      }),
    );
  } catch (error) {
    // Already there (a restart, another test file of this worker): set its password and group again.
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool.poolId,
      Username: user.email,
      Password: user.password,
      Permanent: true,
    }),
  );
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: pool.poolId, Username: user.email, GroupName: user.role }),
  );
}

/**
 * A token for (sub, role, organisation) minted through the pool: a user of its own (its e-mail
 * derived from the three, its sub the given one), signed in with USER_PASSWORD_AUTH. The ID token
 * is what the portal sends too: it alone carries custom:organisation_id.
 */
export async function mintToken(
  pool: LocalUserPool,
  sub: string,
  role: Role,
  organisationId?: string,
): Promise<{ idToken: string; accessToken: string; refreshToken: string; expiresAt: number }> {
  const id = createHash('sha256')
    .update(JSON.stringify([sub, role, organisationId ?? null]))
    .digest('hex')
    .slice(0, 24);
  const email = `token-${id}@tokens.eproc.local`;
  // Deterministic, so a second mint of the same user (another process) signs in again.
  const password = `Tk-${id}-${createHash('sha256').update(`pw${id}`).digest('hex').slice(0, 8)}!A`;
  await ensureUser(pool, { email, password, role, sub, ...(organisationId ? { organisationId } : {}) });
  const answer = await passwordSignIn(pool, email, password);
  const result = answer.AuthenticationResult;
  if (!result?.IdToken)
    throw new Error(`the pool answered ${answer.ChallengeName ?? 'no tokens'} for ${email}`);
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken ?? '',
    refreshToken: result.RefreshToken ?? '',
    expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000,
  };
}

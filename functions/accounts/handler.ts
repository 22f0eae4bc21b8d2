// Accounts as a city runs them: an admin invites staff of an organisation (procuring-entity, with
// the organisation id), auditors and admins (Cognito AdminCreateUser: a temporary password that
// must be changed at first sign-in, NEW_PASSWORD_REQUIRED); an admin disables a staff user
// (AdminDisableUser, then AdminUserGlobalSignOut so their refresh tokens stop working at once:
// moto does not refuse a disabled user's refresh by itself, README "Sign-in"). Contractors sign
// up themselves (post-confirmation.ts). In AWS Cognito makes and e-mails the temporary password;
// locally (LOCAL_MAILBOX) this function makes it and prints the invitation instead.
import { randomBytes, randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { deliverLocally } from '../../shared/accounts/local-mailbox.ts';
import { organisationClaim } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { resources, settings } from '../../shared/config/settings.ts';
import { Conflict, InvalidInput, NotFound } from '../../shared/errors/domain-error.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { getOrganisation } from '../../shared/organisations/organisation-store.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { accountRoutes } from './contract.ts';

const cognito = new CognitoIdentityProviderClient({});
const poolId = () => resources.userPoolId('users');

/** Meets the pool's policy (12+ characters, upper, lower, digit, symbol). */
function temporaryPassword(): string {
  const base = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${base}A${randomInt(10)}!a`;
}

export const handler = httpHandler(accountRoutes, {
  async inviteAccount({ body }) {
    if (body.role === 'procuring-entity' && !body.organisationId) {
      throw new InvalidInput('VALIDATION_FAILED', 'a procuring-entity user acts for an organisation', {
        field: 'body.organisationId',
      });
    }
    if (body.role !== 'procuring-entity' && body.organisationId) {
      throw new InvalidInput('VALIDATION_FAILED', 'only procuring-entity users belong to an organisation', {
        field: 'body.organisationId',
      });
    }
    if (body.organisationId && !(await getOrganisation(body.organisationId))) {
      throw new InvalidInput('ORGANISATION_UNKNOWN', 'no organisation has this id', {
        field: 'body.organisationId',
      });
    }
    const mailbox = settings.LOCAL_MAILBOX;
    const password = mailbox ? temporaryPassword() : undefined;
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId(),
          Username: body.email,
          UserAttributes: [
            { Name: 'email', Value: body.email },
            { Name: 'email_verified', Value: 'true' },
            ...(body.name ? [{ Name: 'name', Value: body.name }] : []),
            ...(body.organisationId ? [{ Name: organisationClaim, Value: body.organisationId }] : []),
          ],
          DesiredDeliveryMediums: ['EMAIL'],
          // Locally nothing is e-mailed: the invitation is printed (below) with this password.
          ...(password ? { TemporaryPassword: password, MessageAction: 'SUPPRESS' } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof UsernameExistsException) {
        throw new Conflict('ACCOUNT_EXISTS', 'a user with this e-mail address exists', {
          field: 'body.email',
        });
      }
      throw error;
    }
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId(), Username: body.email, GroupName: body.role }),
    );
    if (mailbox && password) {
      deliverLocally(mailbox, {
        kind: 'invitation',
        email: body.email,
        role: body.role,
        temporaryPassword: password,
        at: clock.iso(),
      });
    }
    logger.info('account invited', { role: body.role, organisationId: body.organisationId });
    return {
      status: 201,
      body: {
        email: body.email,
        role: body.role,
        ...(body.organisationId ? { organisationId: body.organisationId } : {}),
        enabled: true,
        status: 'FORCE_CHANGE_PASSWORD',
      },
    };
  },

  async disableAccount({ body }) {
    let user: Awaited<ReturnType<typeof getUser>>;
    try {
      user = await getUser(body.email);
    } catch (error) {
      if (error instanceof UserNotFoundException) {
        throw new NotFound('ACCOUNT_NOT_FOUND', 'no user has this e-mail address', { field: 'body.email' });
      }
      throw error;
    }
    const groups = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId(), Username: body.email }),
    );
    const roles = (groups.Groups ?? []).map((g) => g.GroupName as Role);
    // Contractors are suspended or debarred in the register (oversight), not locked out here.
    if (roles.includes('contractor') || roles.length === 0) {
      throw new InvalidInput('ACCOUNT_NOT_STAFF', 'only staff, auditors and admins are disabled here', {
        field: 'body.email',
      });
    }
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId(), Username: body.email }));
    // Revokes every refresh token now (AWS refuses a disabled user's refresh too; moto does not).
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId(), Username: body.email }));
    logger.info('account disabled', { roles });
    const organisationId = user.UserAttributes?.find((a) => a.Name === organisationClaim)?.Value;
    return {
      body: {
        email: body.email,
        ...(roles[0] ? { role: roles[0] } : {}),
        ...(organisationId ? { organisationId } : {}),
        enabled: false,
        status: user.UserStatus ?? 'UNKNOWN',
      },
    };
  },
});

function getUser(email: string) {
  return cognito.send(new AdminGetUserCommand({ UserPoolId: poolId(), Username: email }));
}

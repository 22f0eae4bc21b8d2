import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Email, Id, Text } from '../../shared/schemas/common.ts';

const tags = ['accounts'];

/** The roles an admin invites; contractors sign up themselves (Cognito SignUp, then the trigger). */
export const InvitedRole = z.enum(['procuring-entity', 'auditor', 'admin']);

export const Invitation = z.strictObject({
  email: Email,
  name: Text(200).optional(),
  role: InvitedRole,
  /** The organisation a procuring-entity user acts for; only for that role. */
  organisationId: Id.optional(),
});

export const Account = z.strictObject({
  email: Email,
  role: z.enum(['procuring-entity', 'contractor', 'auditor', 'admin']).optional(),
  organisationId: Id.optional(),
  enabled: z.boolean(),
  /** Cognito's user status: FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED. */
  status: z.string(),
});

export const accountRoutes = {
  inviteAccount: defineRoute({
    operationId: 'inviteAccount',
    method: 'POST',
    path: '/accounts',
    summary:
      'Invite a procuring entity staff member, an auditor or an admin: a temporary password is e-mailed and must be changed at first sign-in',
    tags,
    auth: ['admin'],
    body: Invitation,
    response: Account,
    successStatus: 201,
  }),
  disableAccount: defineRoute({
    operationId: 'disableAccount',
    method: 'POST',
    path: '/accounts/disable',
    summary: 'Disable a staff user: their sign-in and their next token refresh are refused',
    tags,
    auth: ['admin'],
    body: z.strictObject({ email: Email }),
    response: Account,
  }),
};

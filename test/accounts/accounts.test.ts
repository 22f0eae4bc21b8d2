// Accounts as a city runs them, against moto's Cognito through the local gateway (no mocks): an
// admin invites staff (temporary password, forced change at first sign-in), a contractor signs up
// with the e-mail code and lands in the contractor group, a disabled user's refresh is refused.
import { randomUUID } from 'node:crypto';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient } from '../../infra/local/user-pool.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { cognito, lastMail } from './support.ts';

let cloud: TestCloud;
let entity: Entity;
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  admin = await cloud.token('accounts-admin', 'admin');
});
afterAll(() => cloud?.stop());

const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.gov.vn`;
const newPassword = 'Mật-khẩu-mới-2025!A';
const groupsOf = async (username: string) =>
  (
    await cognitoClient(cloud.userPool.endpoint, cloud.userPool.region).send(
      new AdminListGroupsForUserCommand({ UserPoolId: cloud.userPool.poolId, Username: username }),
    )
  ).Groups?.map((g) => g.GroupName);

async function invite(address: string) {
  const invited = await cloud.call('POST', '/accounts', {
    token: admin,
    body: {
      email: address,
      role: 'procuring-entity',
      organisationId: entity.organisationId,
      name: 'Nguyễn Thị Lan',
    },
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  return invited;
}

/** Signs in with the invitation's temporary password and sets a new one: the tokens. */
async function firstSignIn(address: string) {
  const temporaryPassword = lastMail(cloud, 'invitation', address)?.temporaryPassword;
  expect(temporaryPassword).toBeTruthy();
  const first = await cognito(cloud, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: address, PASSWORD: temporaryPassword },
  });
  expect(first.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const changed = await cognito(cloud, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: first.body.Session,
    ChallengeResponses: { USERNAME: address, NEW_PASSWORD: newPassword },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return changed.body.AuthenticationResult as { IdToken: string; RefreshToken: string };
}

describe('invited staff', () => {
  it('sign in first with the temporary password, must change it, then call the API as their organisation', async () => {
    const address = email('lan');
    const invited = await invite(address);
    expect(invited.body).toMatchObject({
      role: 'procuring-entity',
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
    });
    const user = await cognitoClient(cloud.userPool.endpoint, cloud.userPool.region).send(
      new AdminGetUserCommand({ UserPoolId: cloud.userPool.poolId, Username: address }),
    );
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(user.UserAttributes).toContainEqual({
      Name: 'custom:organisation_id',
      Value: entity.organisationId,
    });
    expect(await groupsOf(address)).toEqual(['procuring-entity']);

    const tokens = await firstSignIn(address);
    const own = await cloud.call('GET', '/entity/tenders', { token: tokens.IdToken });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // The new password is the one now; the temporary one no longer signs in.
    const again = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: address, PASSWORD: newPassword },
    });
    expect(again.body.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('refuses an invitation of a procuring-entity user without an organisation, or to one that does not exist', async () => {
    const none = await cloud.call('POST', '/accounts', {
      token: admin,
      body: { email: email('x'), role: 'procuring-entity' },
    });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('body.organisationId');
    const unknown = await cloud.call('POST', '/accounts', {
      token: admin,
      body: { email: email('x'), role: 'procuring-entity', organisationId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' },
    });
    expect(unknown.body.code).toBe('ORGANISATION_UNKNOWN');
    const twice = email('twice');
    await cloud.call('POST', '/accounts', { token: admin, body: { email: twice, role: 'auditor' } });
    const again = await cloud.call('POST', '/accounts', {
      token: admin,
      body: { email: twice, role: 'auditor' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACCOUNT_EXISTS');
    const notAdmin = await cloud.call('POST', '/accounts', {
      token: await cloud.token(entity.sub, 'procuring-entity', entity.organisationId),
      body: { email: email('x'), role: 'admin' },
    });
    expect(notAdmin.status).toBe(403);
  });

  it('once disabled, cannot refresh nor sign in', async () => {
    const address = email('disabled');
    await invite(address);
    const tokens = await firstSignIn(address);
    const refreshed = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect(refreshed.body.AuthenticationResult?.IdToken).toBeTruthy();

    const disabled = await cloud.call('POST', '/accounts/disable', {
      token: admin,
      body: { email: address },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ email: address, enabled: false, role: 'procuring-entity' });
    const refused = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toContain('NotAuthorized');
    const signIn = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: address, PASSWORD: newPassword },
    });
    expect(signIn.body.__type).toContain('NotAuthorized');
    const missing = await cloud.call('POST', '/accounts/disable', {
      token: admin,
      body: { email: email('nobody') },
    });
    expect(missing.body.code).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('contractors', () => {
  it('sign up, confirm with the e-mailed code, land in the contractor group and call the API', async () => {
    const address = email('minh');
    const password = 'Nhà-thầu-2025!B';
    const signedUp = await cognito(cloud, 'SignUp', {
      Username: address,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: address }],
    });
    expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(200);
    const unconfirmed = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: address, PASSWORD: password },
    });
    expect(unconfirmed.body.__type).toContain('UserNotConfirmed');
    const code = lastMail(cloud, 'sign-up-code', address)?.code as string;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await cognito(cloud, 'ConfirmSignUp', {
      Username: address,
      ConfirmationCode: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.body.__type).toBe('CodeMismatchException');
    const confirmed = await cognito(cloud, 'ConfirmSignUp', { Username: address, ConfirmationCode: code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await groupsOf(address)).toEqual(['contractor']);

    const signedIn = await cognito(cloud, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: address, PASSWORD: password },
    });
    const idToken = signedIn.body.AuthenticationResult.IdToken as string;
    const registered = await cloud.call('POST', '/contractors', {
      token: idToken,
      body: {
        name: 'Công ty TNHH Xây dựng Minh Phát',
        enterpriseCode: `01${String(Date.now()).slice(-8)}`,
        address: { street: '12 Tràng Tiền', province: 'Hà Nội' },
        contacts: [{ name: 'Lê Văn Minh', email: address }],
        representatives: [{ name: 'Phạm Thị Hoa', title: 'Giám đốc' }],
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    // A contractor's token is no staff token.
    expect((await cloud.call('GET', '/entity/tenders', { token: idToken })).status).toBe(403);
  });

  it('the proxy refuses the admin calls a browser may not make', async () => {
    const refused = await cognito(cloud, 'AdminAddUserToGroup', {
      UserPoolId: cloud.userPool.poolId,
      Username: 'x@example.vn',
      GroupName: 'admin',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toBe('NotAuthorizedException');
  });
});

// Signing in through the portal's own pages, in Chromium, against a local test cloud and moto's
// Cognito (no mocks, no pasted tokens), in both languages:
// - a procuring-entity user invited through POST /accounts signs in with the e-mailed temporary
//   password (a wrong password first: the translated message beside the password field), must set
//   a new one, sees the workspace, signs out: the session is gone and its refresh token revoked;
// - a contractor signs up, types a wrong code (the message beside the code field), then the code
//   from the local mailbox, and lands signed in as a contractor (and in no other group);
// - axe on the sign-in and sign-up pages, which fit 375 px;
// - issue #10's "done when": the demo users `npm start -- --demo` creates (the same seeding code),
//   the demo procuring entity signs in with the printed password and, in the browser only,
//   publishes a tender, amends it and answers a demo contractor's question; the public pages then
//   show it all in both languages.
// Screenshots with EPROC_SCREENSHOTS=1 (test/support/screenshots.ts).
import { randomUUID } from 'node:crypto';
import { AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, seedDemo } from '../../infra/local/demo-seed.ts';
import { cognitoClient, passwordSignIn } from '../../infra/local/user-pool.ts';
import { buildPortal } from '../../portal/build.ts';
import { toHanoiText } from '../../portal/src/workspace/time.ts';
import { portalConfigSchema } from '../../shared/auth/portal-config.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { cognito, lastMail } from '../accounts/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { dayMs, type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;
let entity: Entity;
let admin: string;

beforeAll(async () => {
  const [opened, started] = await Promise.all([
    openBrowser(),
    startTestCloud({ PERIOD_ACCELERATION: '1' }),
    buildPortal(),
  ]);
  browser = opened;
  cloud = started;
  entity = await procuringEntity(cloud);
  admin = await cloud.token('sign-in-admin', 'admin');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.gov.vn`;
const newPassword = 'Mật-khẩu-mới-2025!A';

async function expectNoSideScroll(page: Page, route: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, route).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const storedSession = (page: Page) =>
  page.evaluate(() => {
    const raw = sessionStorage.getItem('eproc.session');
    return raw ? (JSON.parse(raw) as { idToken: string; refreshToken?: string }) : null;
  });

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

const groupsOf = async (username: string) =>
  (
    await cognitoClient(cloud.userPool.endpoint, cloud.userPool.region).send(
      new AdminListGroupsForUserCommand({ UserPoolId: cloud.userPool.poolId, Username: username }),
    )
  ).Groups?.map((g) => g.GroupName);

/** Signs in on the portal's page (no first-password step): lands where the page sends the user. */
async function signIn(page: Page, lang: string, email: string, password: string) {
  await page.goto(`${cloud.url}/${lang}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
}

describe('the portal configuration', () => {
  it('is served by the local gateway in the schema the portal stack writes', async () => {
    const response = await fetch(`${cloud.url}/portal-config.json`);
    expect(response.status).toBe(200);
    expect(portalConfigSchema.parse(await response.json())).toEqual({
      region: cloud.userPool.region,
      userPoolId: cloud.userPool.poolId,
      clientId: cloud.userPool.clientId,
      cognitoEndpoint: '/_cognito',
    });
  });
});

describe.each(['vi', 'en'] as const)('signing in in %s', { timeout: 120_000 }, (lang) => {
  const t = catalogues[lang];

  it('an invited user: wrong password refused beside the field, new password, workspace, sign-out revokes', async () => {
    const email = address(`moi-${lang}`);
    const invited = await cloud.call('POST', '/accounts', {
      token: admin,
      body: { email, role: 'procuring-entity', organisationId: entity.organisationId, name: 'Trần Văn Minh' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const temporaryPassword = lastMail(cloud, 'invitation', email)?.temporaryPassword as string;
    expect(temporaryPassword).toBeTruthy();

    const { page, errors } = await browser.page();
    const shot = (name: string) => saveScreenshot(page, `auth-${name}-${lang}.png`);
    await page.goto(`${cloud.url}/${lang}/sign-in`);
    await page.locator('#email').waitFor();
    expect(await page.locator('h1').textContent()).toBe(t['auth.signIn.title']);
    await expectAccessible(page, `/${lang}/sign-in`);
    await expectNoSideScroll(page, `/${lang}/sign-in`);

    // A wrong password: Cognito's refusal, translated, beside the password field.
    await signIn(page, lang, email, `${temporaryPassword}x`);
    const refused = page.locator('#password-error');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(t['auth.error.NotAuthorizedException']);
    const password = page.locator('#password');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain('password-error');
    expect(await page.locator('#auth-error').count()).toBe(0);
    await expectAccessible(page, `/${lang}/sign-in (wrong password)`);
    await shot('sign-in-refused');

    // The temporary password: Cognito asks for a new one first.
    await page.locator('#password').fill(temporaryPassword);
    await page.locator('form button[type="submit"]').click();
    await page.locator('#new-password').waitFor();
    expect(await page.locator('h1').textContent()).toBe(t['auth.newPassword.title']);
    await expectAccessible(page, `/${lang}/sign-in (new password)`);
    await shot('new-password');
    await page.locator('#new-password').fill(newPassword);
    await page.locator('form button[type="submit"]').click();

    // Signed in as the organisation's staff: the workspace.
    await page.waitForURL((url) => url.pathname === `/${lang}/workspace`);
    await page.locator('#ws-new-draft').waitFor();
    expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain(email);
    const session = await storedSession(page);
    expect(session?.refreshToken).toBeTruthy();
    const claims = claimsOf(session!.idToken);
    expect(claims['cognito:groups']).toEqual(['procuring-entity']);
    expect(claims['custom:organisation_id']).toBe(entity.organisationId);
    expect(claims.iss).toBe(cloud.userPool.issuer);
    await shot('workspace-signed-in');

    // The refresh token works until the sign-out, and not after it.
    const refresh = () =>
      cognito(cloud, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: session!.refreshToken },
      });
    expect((await refresh()).status).toBe(200);
    await page.locator('.account-link button').click();
    await page.waitForURL((url) => url.pathname === `/${lang}/`);
    await page.locator('a.account-link').waitFor();
    expect(await page.locator('a.account-link').textContent()).toBe(t['auth.signIn.link']);
    expect(await storedSession(page)).toBeNull();
    const afterSignOut = await refresh();
    expect(afterSignOut.status).toBe(400);
    expect(afterSignOut.body.__type).toMatch(/NotAuthorizedException$/);
    // The workspace asks for sign-in again.
    await page.goto(`${cloud.url}/${lang}/workspace`);
    await page.locator(`a[href="/${lang}/sign-in"]`).first().waitFor();
    expect(errors.filter((e) => !/\b400\b/.test(e))).toEqual([]);
    await page.close();
  });

  it('a contractor signs up: wrong code refused beside the field, the mailed code, signed in as a contractor', async () => {
    const email = address(`nhathau-${lang}`);
    const { page, errors } = await browser.page();
    const shot = (name: string) => saveScreenshot(page, `auth-${name}-${lang}.png`);
    await page.goto(`${cloud.url}/${lang}/sign-up`);
    await page.locator('#name').waitFor();
    expect(await page.locator('h1').textContent()).toBe(t['auth.signUp.title']);
    await expectAccessible(page, `/${lang}/sign-up`);
    await expectNoSideScroll(page, `/${lang}/sign-up`);
    await shot('sign-up');
    await page.locator('#name').fill('Công ty TNHH Xây lắp Hòa Bình');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(newPassword);
    await page.locator('form button[type="submit"]').click();

    await page.locator('#code').waitFor();
    expect(await page.locator('h1').textContent()).toBe(t['auth.confirm.title']);
    const code = lastMail(cloud, 'sign-up-code', email)?.code as string;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.locator('#code').fill(wrong);
    await page.locator('form button[type="submit"]').click();
    const refused = page.locator('#code-error');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(t['auth.error.CodeMismatchException']);
    expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#code').getAttribute('aria-describedby')).toContain('code-error');
    await expectAccessible(page, `/${lang}/sign-up (wrong code)`);
    await expectNoSideScroll(page, `/${lang}/sign-up (code)`);
    await shot('sign-up-wrong-code');

    await page.locator('#code').fill(code);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === `/${lang}/`);
    await page.locator('[data-testid="signed-in-as"]').waitFor();
    expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain(email);
    const session = await storedSession(page);
    const claims = claimsOf(session!.idToken);
    expect(claims['cognito:groups']).toEqual(['contractor']);
    expect(claims['custom:organisation_id']).toBeUndefined();
    // The trigger ran through the function pool: the contractor group, and only that.
    expect(await groupsOf(String(claims['cognito:username'] ?? email))).toEqual(['contractor']);
    // The API takes the token as a contractor's (no contractor record yet: registering is next).
    const mine = await cloud.call('GET', '/me/contractor', { token: session!.idToken });
    expect(mine.status, JSON.stringify(mine.body)).not.toBe(401);
    expect(mine.status).not.toBe(403);
    await shot('signed-up');
    expect(errors.filter((e) => !/\b(400|404)\b/.test(e))).toEqual([]);
    await page.close();
  });
});

describe("issue #10's journey from the demo users", { timeout: 300_000 }, () => {
  it('the demo procuring entity, with the printed password, publishes, amends and answers in the browser; the public sees it in both languages', async () => {
    const printed = await seedDemo(cloud.url, cloud.userPool);
    // The block `npm start -- --demo` prints: the demo procuring entity and the password.
    const line = printed.split('\n').find((l) => l.includes('pe-1@demo.eproc.vn'));
    expect(line).toContain(demoPassword);
    expect(line).toContain('procuring-entity');

    const lang = 'vi';
    const t = catalogues[lang];
    const { page, errors } = await browser.page();
    const shot = (name: string) => saveScreenshot(page, `demo-${name}.png`);
    await signIn(page, lang, 'pe-1@demo.eproc.vn', demoPassword);
    await page.waitForURL((url) => url.pathname === `/${lang}/workspace`);
    await page.locator('#ws-new-draft').waitFor();
    const organisationId = claimsOf((await storedSession(page))!.idToken)['custom:organisation_id'] as string;
    expect(organisationId).toBeTruthy();
    await shot('workspace');

    // A draft, from the form alone.
    const title = `Mua sắm bàn ghế học sinh ${randomUUID().slice(0, 6)}`;
    await page.locator('#ws-new-draft').click();
    await page.locator('#f-title').waitFor();
    await page.locator('#f-title').fill(title);
    await page.locator('#f-description').fill('Bàn ghế cho 40 phòng học');
    await page.locator('#f-lots-0-title').fill('Bàn ghế');
    await page.locator('#f-lots-0-estimatedValue').fill('45.000.000.000');
    await page.locator('#f-lots-0-bidSecurityAmount').fill('900.000.000');
    await page.locator('#f-submissionDeadline').fill(toHanoiText(clock.nowMs() + 30 * dayMs));
    await page.locator('#f-questionsDeadline').fill(toHanoiText(clock.nowMs() + 20 * dayMs));
    await page.locator('.ws-form button[type="submit"]').click();
    await page.waitForURL((url) => /\/workspace\/tenders\/[0-9A-Z]+$/.test(url.pathname));
    const tenderId = new URL(page.url()).pathname.split('/').pop() as string;

    // Published after the confirmation.
    await page.locator('#ws-publish > button').click();
    await page.locator('#ws-publish-dialog').waitFor({ state: 'visible' });
    await page.locator('#ws-publish-dialog .actions button:first-child').click();
    await page.locator(`article[data-tender-id="${tenderId}"][data-status="published"]`).waitFor();

    // A demo contractor asks, through the API, with its own demo password.
    const contractor = await passwordSignIn(cloud.userPool, 'contractor-1@demo.eproc.vn', demoPassword);
    const asked = await cloud.call('POST', `/tenders/${tenderId}/questions`, {
      token: contractor.AuthenticationResult?.IdToken as string,
      body: { question: 'Bàn ghế có cần chứng nhận hợp quy không?' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);

    // Amended (30 days left: no extension needed).
    await page.reload();
    await page.locator('#f-note').waitFor();
    await page.locator('#f-changes-description').fill('Bàn ghế cho 40 phòng học; thêm 2 phòng thí nghiệm');
    await page.locator('#f-note').fill('Bổ sung bàn ghế phòng thí nghiệm');
    await page.locator('#ws-amend form button[type="submit"]').click();
    await page.locator('#ws-amend-dialog').waitFor({ state: 'visible' });
    await page.locator('#ws-amend-dialog .actions button:first-child').click();
    await page.locator('#ws-amend-result').waitFor();

    // The question, answered.
    const question = page.locator(`[data-question-id="${asked.body.questionId}"]`);
    await question.waitFor();
    await page.locator(`#f-answer-${asked.body.questionId}`).fill('Có, theo QCVN hiện hành.');
    await page.locator(`[data-question-id="${asked.body.questionId}"] button[type="submit"]`).click();
    await question.locator('.answer').waitFor();
    await shot('tender-workspace');
    expect(await page.locator('h1').first().textContent()).not.toBe(t['auth.signIn.title']);
    expect(errors).toEqual([]);

    // What the API stored.
    const stored = await cloud.call('GET', `/tenders/${tenderId}`);
    expect(stored.body.status).toBe('published');
    expect(stored.body.revisions.map((r: any) => r.kind)).toEqual(['publication', 'amendment']);

    // The public, signed out, in both languages.
    for (const publicLang of ['vi', 'en'] as const) {
      const visitor = await browser.page();
      await visitor.page.goto(`${cloud.url}/${publicLang}/?buyer=${organisationId}`);
      await visitor.page.locator(`li[data-tender-id="${tenderId}"] a`).click();
      await visitor.page.locator('#lots').waitFor();
      expect(await visitor.page.locator('html').getAttribute('lang')).toBe(publicLang);
      expect(await visitor.page.locator('h1').textContent()).toBe(title);
      const qa = visitor.page.locator(`[data-question-id="${asked.body.questionId}"]`);
      expect(await qa.locator('.answer').textContent()).toBe('Có, theo QCVN hiện hành.');
      expect(await visitor.page.locator('#revisions li[data-revision]').count()).toBe(2);
      expect(await visitor.page.locator('#revisions').textContent()).toContain(
        'Bổ sung bàn ghế phòng thí nghiệm',
      );
      await expectAccessible(visitor.page, `/${publicLang}/tenders/:id (demo)`);
      await saveScreenshot(visitor.page, `demo-public-${publicLang}.png`);
      expect(visitor.errors).toEqual([]);
      await visitor.page.close();
    }
    await page.close();
  });
});

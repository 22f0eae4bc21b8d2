// The oversight workspace in Chromium, in both languages, against one local cloud of its own
// (checkpoints every second): a contractor's session is refused politely; the auditor's dashboard
// links every oversight page; the auditor finds a contractor, is refused a debarment without a
// period (beside the field), debars it with a reason and a period, sees it in the history and in
// what the API stored, and lifts it; filters the audit log by actor and action (and a bad time is
// refused beside its field), opens the debarment's event and sees its inclusion proof verified in
// the page against the signed checkpoint; and checks the consistency of two checkpoints. axe on
// every route, 375 px, screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { startOwnCloud, until } from '../opening/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;

beforeAll(async () => {
  const [opened, started] = await Promise.all([
    openBrowser(),
    startOwnCloud({ SCHEDULE_INTERVAL_MS: '1000' }),
    buildPortal(),
  ]);
  browser = opened;
  cloud = started;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

async function expectNoSideScroll(page: Page, route: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, route).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signedInPage(token: string) {
  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, token);
  return { page, errors };
}

describe.each(['vi', 'en'] as const)('the oversight workspace in %s', { timeout: 240_000 }, (lang) => {
  const msg = (id: string): string => {
    const text = catalogues[lang][id];
    if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
    return text;
  };
  let contractorId: string;
  let contractorToken: string;
  // One auditor per language, so the log filtered by actor holds this language's changes only.
  const auditorSub = `auditor-${ulid()}`;
  let auditor: string;
  const name = `Công ty TNHH Giám sát ${lang.toUpperCase()} ${ulid().slice(-6)}`;

  beforeAll(async () => {
    auditor = await cloud.token(auditorSub, 'auditor');
    contractorToken = await cloud.token(`user-${ulid()}`, 'contractor');
    const registered = await cloud.call('POST', '/contractors', {
      token: contractorToken,
      body: {
        name,
        enterpriseCode: `07${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        address: { street: '5 Lý Thường Kiệt', province: 'Hà Nội' },
        contacts: [{ name: 'Ngô Văn G', email: 'g@example.vn' }],
        representatives: [{ name: 'Đỗ Thị H', title: 'Giám đốc' }],
      },
    });
    expect(registered.status).toBe(201);
    contractorId = registered.body.contractorId;
    // The dashboard shows the log's latest checkpoint: on a cloud this new, wait for the first one
    // (the checkpointer's schedule), or its GET is a 404 the browser logs as a console error.
    const checkpoint = await until(
      () => cloud.call('GET', '/log/checkpoint'),
      (r) => r.status === 200,
    );
    expect(checkpoint.status).toBe(200);
  });

  it('refuses a contractor politely, and shows the auditor a dashboard linking every page', async () => {
    const refused = await signedInPage(contractorToken);
    await refused.page.goto(`${cloud.url}/${lang}/oversight`);
    await refused.page.locator('.oversight-refusal').waitFor();
    expect(await refused.page.locator('.oversight-refusal p').first().textContent()).toBe(
      msg('oversight.gate.wrongRole'),
    );
    await refused.page.close();

    const { page, errors } = await signedInPage(auditor);
    await page.goto(`${cloud.url}/${lang}/oversight`);
    await page.locator('.oversight-areas').waitFor();
    const links = await page
      .locator('.oversight-areas a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(
      ['contractors', 'log', 'checkpoints', 'verify', 'reports', 'flags'].map(
        (p) => `/${lang}/oversight/${p}`,
      ),
    );
    expect(await page.locator('h1').textContent()).toBe(msg('oversight.dashboard.title'));
    await page.locator('.latest-checkpoint').waitFor();
    await expectAccessible(page, `/${lang}/oversight`);
    await expectNoSideScroll(page, `/${lang}/oversight`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('debars a contractor with a reason and a period, shows it in the history, and lifts it', async () => {
    const { page, errors } = await signedInPage(auditor);
    await page.goto(`${cloud.url}/${lang}/oversight/contractors?q=${encodeURIComponent(name)}`);
    const row = page.locator(`tr[data-contractor-id="${contractorId}"]`);
    await row.waitFor();
    expect(await page.locator('table.contractors tbody tr').count()).toBe(1);
    await expectAccessible(page, `/${lang}/oversight/contractors`);
    await row.getByRole('link', { name }).click();
    await page.locator('.contractor-profile[data-status="active"]').waitFor();
    expect(await page.locator('#status-history .empty').textContent()).toBe(msg('oversight.history.none'));

    // Debar without a period: refused beside the period's field, nothing sent.
    const reason = 'Thông đồng trong gói thầu số 12/2026 (Điều 16 Luật Đấu thầu).';
    await page.getByLabel(msg('oversight.status.debar'), { exact: true }).check();
    await page.getByLabel(msg('oversight.status.reason'), { exact: true }).fill(reason);
    await page.getByRole('button', { name: msg('oversight.status.submit.debar') }).click();
    const untilError = page.locator('.field-error[data-field="until"]');
    await untilError.waitFor();
    expect(await untilError.textContent()).toBe(msg('oversight.status.periodRequired'));
    const untilBox = page.getByLabel(msg('oversight.status.until'), { exact: true });
    expect(await untilBox.getAttribute('aria-invalid')).toBe('true');
    expect((await untilBox.getAttribute('aria-describedby'))?.split(' ')).toContain('local-error-until');
    expect((await cloud.call('GET', `/contractors/${contractorId}`, { token: auditor })).body.status).toBe(
      'active',
    );
    await expectAccessible(page, `/${lang}/oversight/contractors/:id (refused)`);

    // With a period (Hanoi time): debarred until 30/06/2027 17:00 in Hanoi = 10:00 UTC.
    await untilBox.fill('30/06/2027 17:00');
    await page.getByRole('button', { name: msg('oversight.status.submit.debar') }).click();
    await page.locator('.contractor-profile[data-status="debarred"]').waitFor();
    const stored = await cloud.call('GET', `/contractors/${contractorId}`, { token: auditor });
    expect(stored.body).toMatchObject({
      status: 'debarred',
      statusReason: reason,
      statusUntil: '2027-06-30T10:00:00.000Z',
      version: 2,
    });
    expect((await cloud.call('GET', `/contractors/${contractorId}/eligibility`)).body.eligible).toBe(false);
    const debarred = page.locator('#status-history li[data-status="debarred"]');
    await debarred.waitFor();
    expect(await debarred.locator('.history-reason').textContent()).toContain(reason);
    expect(await debarred.locator('.history-until time').getAttribute('datetime')).toBe(
      '2027-06-30T10:00:00.000Z',
    );
    expect(await debarred.locator('.history-until').textContent()).toContain('30/06/2027');
    expect(await debarred.locator('.history-actor').textContent()).toContain(auditorSub);
    await saveScreenshot(page, `oversight-debarred-${lang}.png`);
    await expectAccessible(page, `/${lang}/oversight/contractors/:id (debarred)`);
    await expectNoSideScroll(page, `/${lang}/oversight/contractors/:id`);

    // Lift it.
    await page.getByLabel(msg('oversight.status.lift'), { exact: true }).check();
    await page.getByRole('button', { name: msg('oversight.status.submit.lift') }).click();
    await page.locator('.contractor-profile[data-status="active"]').waitFor();
    await expect
      .poll(
        () =>
          page
            .locator('#status-history li')
            .evaluateAll((l) => l.map((li) => li.getAttribute('data-status'))),
        { timeout: 15_000 },
      )
      .toEqual(['active', 'debarred']);
    const lifted = await cloud.call('GET', `/contractors/${contractorId}`, { token: auditor });
    expect(lifted.body).toMatchObject({ status: 'active', version: 3 });
    expect(lifted.body.statusReason).toBeUndefined();
    const history = await cloud.call('GET', `/contractors/${contractorId}/status-history`, {
      token: auditor,
    });
    expect(history.body.items.map((e: any) => e.status)).toEqual(['active', 'debarred']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the log, opens the debarment with its proof verified, and checks two checkpoints', async () => {
    const { page, errors } = await signedInPage(auditor);
    await page.goto(`${cloud.url}/${lang}/oversight/log`);
    // A time it cannot read is refused beside its field.
    await page.getByLabel(msg('oversight.log.from'), { exact: true }).fill('hôm qua');
    await page.getByRole('button', { name: msg('oversight.log.apply') }).click();
    const fromError = page.locator('.field-error[id="field-error-from"]');
    await fromError.waitFor();
    expect(await page.locator('[role="alert"]').getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(
      await page.getByLabel(msg('oversight.log.from'), { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    await expectAccessible(page, `/${lang}/oversight/log (refused)`);

    await page.getByLabel(msg('oversight.log.from'), { exact: true }).fill('');
    await page.getByLabel(msg('oversight.log.actor'), { exact: true }).fill(auditorSub);
    await page.getByLabel(msg('oversight.log.action'), { exact: true }).fill('contractor.status.debarred');
    await page.getByRole('button', { name: msg('oversight.log.apply') }).click();
    const rows = page.locator('table.audit-events tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().getAttribute('data-action')).toBe('contractor.status.debarred');
    expect(new URL(page.url()).searchParams.get('actor')).toBe(auditorSub);
    const [event] = (
      await cloud.call(
        'GET',
        `/audit/events?actor=${auditorSub}&action=contractor.status.debarred&objectType=contractor&objectId=${contractorId}`,
        { token: auditor },
      )
    ).body.items;
    expect(await rows.first().getAttribute('data-event-id')).toBe(event.eventId);
    await expectAccessible(page, `/${lang}/oversight/log`);
    await expectNoSideScroll(page, `/${lang}/oversight/log`);

    // The event, once a checkpoint covers it: its proof checked in the page.
    await rows.first().getByRole('link').click();
    await page.locator('.event-place').waitFor();
    const verified = page.locator('#inclusion .check-result[data-state="verified"]');
    for (let i = 0; i < 40 && !(await verified.isVisible()); i++) {
      await page.waitForTimeout(500);
      if (await page.locator('.event-uncovered').isVisible()) await page.reload();
    }
    await verified.waitFor({ timeout: 15_000 });
    expect(await verified.locator('.check-verdict').textContent()).toBe(msg('oversight.check.verified'));
    expect(await page.locator('.event-action').textContent()).toBe('contractor.status.debarred');
    const integration = await cloud.call('GET', `/log/events/${event.eventId}`, { token: auditor });
    expect(await page.locator('.event-seq').textContent()).toBe(String(integration.body.seq));
    expect(await verified.locator('.root-hash').textContent()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await saveScreenshot(page, `oversight-event-${lang}.png`);
    await expectAccessible(page, `/${lang}/oversight/log/events/:id`);
    await expectNoSideScroll(page, `/${lang}/oversight/log/events/:id`);

    // Checkpoints: the oldest and the newest listed, checked for consistency in the page.
    await page.goto(`${cloud.url}/${lang}/oversight/checkpoints`);
    // expect.poll gives up after 1 s by default: too short for a page's first load under load.
    await expect
      .poll(() => page.locator('table.checkpoints tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(1);
    const sizes = (await page
      .locator('table.checkpoints tbody tr')
      .evaluateAll((r) => r.map((tr) => Number(tr.getAttribute('data-size'))))) as number[];
    const [newest, oldest] = [sizes[0] as number, sizes[sizes.length - 1] as number];
    await page.getByLabel(msg('oversight.consistency.from'), { exact: true }).selectOption(String(oldest));
    await page.getByLabel(msg('oversight.consistency.to'), { exact: true }).selectOption(String(newest));
    await page.getByRole('button', { name: msg('oversight.consistency.run') }).click();
    const consistent = page.locator('#consistency .check-result[data-state="verified"]');
    await consistent.waitFor({ timeout: 15_000 });
    expect(await consistent.locator('.check-detail').getAttribute('data-from')).toBe(String(oldest));
    expect(await consistent.locator('.check-detail').getAttribute('data-to')).toBe(String(newest));
    expect(await consistent.locator('.check-verdict').textContent()).toBe(msg('oversight.check.verified'));
    await saveScreenshot(page, `oversight-consistency-${lang}.png`);
    await expectAccessible(page, `/${lang}/oversight/checkpoints`);
    await expectNoSideScroll(page, `/${lang}/oversight/checkpoints`);
    // The one error logged is the browser's line for the refused filter above.
    expect(errors.filter((e) => !/status of 400 .*\/audit\/events\?.*from=/.test(e))).toEqual([]);
    await page.close();
  });
});

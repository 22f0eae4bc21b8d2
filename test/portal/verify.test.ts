// Verification in the browser, in both languages, against one local cloud of its own: a tender
// with two sealed bids is opened through the test support; an auditor's page fetches its audit
// bundle and verifies it in a worker (the progress bar ends at 100 %); receipts dropped in are
// checked (one signed by the receipts key for an event in the log, accepted; one altered after
// signing, refused); a copy of the bundle with one byte of one entry changed, dropped on the page
// as a file, is refused naming that entry and what is wrong, in the page's language. Without a
// session the page still verifies a dropped bundle (anyone may verify offline). axe, 375 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { signReceipt } from '../../shared/receipts/receipt-signer.ts';
import { type OpenedTender, openTenderWith } from '../awards/pipeline-support.ts';
import { startOwnCloud, until } from '../opening/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { procuringEntity } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;
let auditor: string;
let tender: OpenedTender;
let bundleText: string;
let bundle: { entries: { seq: number; event: Record<string, any> }[] };
let receipts: { good: string; forged: string; eventId: string };

beforeAll(async () => {
  const [opened, started] = await Promise.all([openBrowser(), startOwnCloud(), buildPortal()]);
  browser = opened;
  cloud = started;
  const entity = await procuringEntity(cloud);
  tender = await openTenderWith(cloud, entity, {}, [
    { key: 'A', price: 900_000_000 },
    { key: 'B', price: 950_000_000 },
  ]);
  auditor = await cloud.token(`auditor-${Math.random().toString(36).slice(2, 8)}`, 'auditor');
  // The tender's events, then a bundle whose checkpoint covers all of them.
  const events = await until(
    () => cloud.call('GET', `/audit/events?tenderId=${tender.tenderId}&limit=100`, { token: auditor }),
    (r) => r.status === 200 && r.body.items.length >= 2,
  );
  const ids = events.body.items.map((e: { eventId: string }) => e.eventId) as string[];
  const fetched = await until(
    () => cloud.call('GET', `/audit/bundle?tenderId=${tender.tenderId}`, { token: auditor }),
    (r) => r.status === 200 && ids.every((id) => r.body.entries.some((e: any) => e.event.eventId === id)),
    90_000,
  );
  expect(fetched.status, JSON.stringify(fetched.body).slice(0, 500)).toBe(200);
  bundle = fetched.body;
  bundleText = JSON.stringify(fetched.body);

  // A receipt as the platform signs it (shared/receipts, the cloud's KMS receipts key), for an
  // event in the log; and the same receipt with its bid changed after signing.
  const bid = tender.bids.A as OpenedTender['bids'][string];
  const eventId = ids[0] as string;
  const receipt = await signReceipt({
    action: 'bid.submitted',
    tenderId: tender.tenderId,
    lotId: tender.lotId,
    contractorId: bid.bidder.contractorId,
    bidId: bid.bidId,
    version: 1,
    envelopeSha256: 'a'.repeat(64),
    receivedAt: new Date().toISOString(),
    eventId,
  });
  receipts = {
    good: JSON.stringify(receipt),
    forged: JSON.stringify({ ...receipt, bidId: tender.bids.B?.bidId }),
    eventId,
  };
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

/** The bundle with one byte of one entry's action changed: still JSON, that entry now wrong. */
function tampered(seq: number): string {
  const at = bundleText.indexOf(`{"seq":${seq},"event":`);
  expect(at).toBeGreaterThan(0);
  const letter = bundleText.indexOf('"action":"', at) + '"action":"'.length + 1;
  return (
    bundleText.slice(0, letter) +
    String.fromCharCode(bundleText.charCodeAt(letter) ^ 1) +
    bundleText.slice(letter + 1)
  );
}

/** Drops a file on a drop zone as a pointer would: a DataTransfer carrying it, on a drop event. */
async function dropFile(page: Page, testId: string, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content as string], fileName as string, { type: 'application/json' }));
      return data;
    },
    [name, text],
  );
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer: transfer });
}

const file = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text),
});

describe.each(['vi', 'en'] as const)('the verify page in %s', { timeout: 240_000 }, (lang) => {
  const msg = (id: string, values: Record<string, string | number> = {}): string => {
    const text = catalogues[lang][id];
    if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
  };

  it('verifies the fetched bundle, checks receipts, and refuses a tampered copy naming the entry', async () => {
    const { page, errors } = await browser.page();
    await page.addInitScript((idToken) => {
      sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
    }, auditor);
    await page.goto(`${cloud.url}/${lang}/oversight/verify/${tender.tenderId}`);
    const logKey = (await cloud.call('GET', '/log/public-key')).body;
    await page.locator(`.log-key[data-key-id="${logKey.keyId}"]`).waitFor();
    expect(await page.locator('h1').textContent()).toBe(msg('verify.title'));
    expect(await page.getByLabel(msg('verify.bundle.tenderId')).inputValue()).toBe(tender.tenderId);

    // The fetched bundle passes; the bar ends at 100 %.
    await page.getByRole('button', { name: msg('verify.bundle.fetch') }).click();
    const passed = page.locator('.verify-bundle .verdict[data-ok="true"]');
    await page.locator('.verify-bundle .verdict').waitFor({ timeout: 60_000 });
    expect(
      await page
        .locator('.verify-bundle .verdict')
        .evaluate((v) => `${v.getAttribute('data-reason')} ${v.textContent}`),
    ).toContain(msg('verify.bundle.passed'));
    expect(await passed.getAttribute('data-tree-size')).toBe(String(bundle.entries.length));
    expect(await passed.locator('h3').textContent()).toBe(msg('verify.bundle.passed'));
    const progress = page.locator('progress#verify-progress');
    expect(await progress.getAttribute('value')).toBe('100');
    expect(await page.locator('.verify-run .percent').textContent()).toBe(
      msg('verify.progress', { percent: 100 }),
    );
    await expectAccessible(page, `/${lang}/oversight/verify/:tenderId (passed)`);
    await saveScreenshot(page, `verify-passed-${lang}.png`);

    // Receipts: the signed one is in the log at the checkpoint; the altered one is refused.
    const receiptInput = page.getByTestId('receipts-drop').getByLabel(msg('verify.receipts.file'));
    await receiptInput.setInputFiles([
      file('receipt-good.json', receipts.good),
      file('receipt-forged.json', receipts.forged),
    ]);
    const results = page.locator('.receipt-results > li');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(2);
    const good = page.locator('.receipt-results li[data-name="receipt-good.json"]');
    expect(await good.getAttribute('data-ok')).toBe('true');
    const index = bundle.entries.findIndex((e) => e.event.eventId === receipts.eventId);
    expect(await good.locator('.receipt-verdict').textContent()).toBe(
      msg('verify.receipt.accepted', { event: receipts.eventId, index, size: bundle.entries.length }),
    );
    const forged = page.locator('.receipt-results li[data-name="receipt-forged.json"]');
    expect(await forged.getAttribute('data-ok')).toBe('false');
    expect(await forged.getAttribute('data-reason')).toBe('bad-signature');
    expect(await forged.locator('.receipt-verdict').textContent()).toBe(msg('verify.receipt.badSignature'));
    await expectAccessible(page, `/${lang}/oversight/verify/:tenderId (receipts)`);

    // A copy with one byte of one of the tender's entries changed, dropped in: refused at that entry.
    const target = bundle.entries.find((e) => e.event.eventId === receipts.eventId)?.seq as number;
    await dropFile(page, 'bundle-drop', 'bundle-tampered.json', tampered(target));
    const refused = page.locator('.verify-bundle .verdict[data-ok="false"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.getAttribute('data-reason')).toBe('leaf hash mismatch');
    expect(await refused.getAttribute('data-index')).toBe(String(target));
    expect(await refused.locator('h3').textContent()).toBe(msg('verify.bundle.refused'));
    expect(await refused.locator('.verdict-where').textContent()).toBe(
      msg('verify.place.entry', { index: target }),
    );
    expect(await refused.locator('.verdict-what').textContent()).toBe(msg('verify.failure.leafHashMismatch'));
    expect(await refused.locator('.entry-event').textContent()).toBe(receipts.eventId);
    expect(await page.locator('.verify-source').textContent()).toBe(
      msg('verify.source.file', { name: 'bundle-tampered.json' }),
    );
    // No English prose from the library on the page.
    expect(await page.locator('main').textContent()).not.toContain('leaf hash');
    await expectAccessible(page, `/${lang}/oversight/verify/:tenderId (refused)`);
    await saveScreenshot(page, `verify-refused-${lang}.png`);

    await page.setViewportSize({ width: 375, height: 800 });
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main *'))
        .filter((el) => el.getBoundingClientRect().right > 376)
        .map((el) => `${el.tagName}.${el.className}: ${(el.textContent ?? '').slice(0, 60)}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, `verify-375-${lang}.png`);
    expect(errors.filter((e) => !/40[0-9]/.test(e))).toEqual([]);
  });
});

describe('the verify page without a session', { timeout: 120_000 }, () => {
  it('verifies a dropped bundle offline, and offers no fetching', async () => {
    const { page } = await browser.page();
    await page.goto(`${cloud.url}/vi/oversight/verify`);
    await page.locator('.log-key[data-key-id]').waitFor();
    expect(await page.locator('.verify-bundle .notice').textContent()).toBe(
      vi['verify.bundle.signInToFetch'],
    );
    expect(await page.locator('form.fetch-bundle').count()).toBe(0);
    await dropFile(page, 'bundle-drop', 'bundle.json', bundleText);
    await page.locator('.verify-bundle .verdict[data-ok="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('progress#verify-progress').getAttribute('value')).toBe('100');
  });
});

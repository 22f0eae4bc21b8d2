// The public site in Chromium, in both languages, against one local test cloud: the tender list
// with its filters in the URL, the detail (lots in vi-VN money, Hanoi times with the zone named,
// answered questions, revisions, OCDS links), a refusal shown as the catalogue's message beside
// its field, the language switch keeping the page, axe on every route, and 375 px without
// horizontal scrolling. Screenshots with EPROC_SCREENSHOTS=1 (test/support/screenshots.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import {
  dayMs,
  procuringEntity,
  publishedTender,
  questionsDeadlineBefore,
  registeredContractor,
} from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;
let tender: { tenderId: string; [k: string]: any };
let organisationId: string;
let questionId: string;
const title = `Cải tạo trường THCS ${crypto.randomUUID().slice(0, 8)}`;
/** 20:30 UTC is 03:30 the next day in Hanoi: a page in the browser's own zone shows another day. */
const deadline = (() => {
  const day = new Date(Date.now() + 40 * dayMs);
  day.setUTCHours(20, 30, 0, 0);
  return day.toISOString();
})();

beforeAll(async () => {
  const [opened, started] = await Promise.all([openBrowser(), startTestCloud(), buildPortal()]);
  browser = opened;
  cloud = started;
  const entity = await procuringEntity(cloud);
  organisationId = entity.organisationId;
  tender = await publishedTender(cloud, entity, {
    title,
    submissionDeadline: deadline,
    questionsDeadline: questionsDeadlineBefore(deadline),
  });
  const contractor = await registeredContractor(cloud);
  const asked = await cloud.call('POST', `/tenders/${tender.tenderId}/questions`, {
    token: contractor.token,
    body: { question: 'Có cho phép nhà thầu phụ không?' },
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  questionId = asked.body.questionId;
  const answered = await cloud.call('POST', `/tenders/${tender.tenderId}/questions/${questionId}/answer`, {
    token: entity.token,
    body: { answer: 'Có, tối đa 30% giá trị gói thầu.' },
  });
  expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

function hanoiDate(instant: string): string {
  const d = new Date(Date.parse(instant) + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

async function expectNoSideScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
}

describe.each(['vi', 'en'] as const)('the public portal in %s', { timeout: 60_000 }, (lang) => {
  const t = catalogues[lang];

  it('lists and filters tenders, with the deadline in Hanoi time and the zone named', async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${cloud.url}/${lang}/?buyer=${organisationId}`);
    const card = page.locator(`li[data-tender-id="${tender.tenderId}"]`);
    await card.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('li[data-tender-id]').count()).toBe(1);
    const deadlineText = (await card.locator('.deadline').textContent()) ?? '';
    expect(deadlineText).toContain('03:30');
    expect(deadlineText).toContain(hanoiDate(deadline));
    expect(deadlineText).toContain('UTC+7');
    expect(await card.locator('.status').textContent()).toBe(t['status.published']);
    expect(await card.textContent()).toContain(title);
    await expectAccessible(page, `/${lang}/ (list)`);
    await saveScreenshot(page, `list-${lang}.png`);

    // Filtering by the UI puts the filter in the URL; another category leaves nothing.
    await page.selectOption('#filter-category', 'works');
    await page.getByRole('button', { name: t['tenders.filter.apply'] }).click();
    await page.locator('.empty').waitFor();
    expect(new URL(page.url()).searchParams.get('category')).toBe('works');
    expect(new URL(page.url()).searchParams.get('buyer')).toBe(organisationId);
    expect(await page.locator('.empty').textContent()).toBe(t['tenders.none']);
    await page.selectOption('#filter-category', 'goods');
    await page.selectOption('#filter-status', 'published');
    await page.getByRole('button', { name: t['tenders.filter.apply'] }).click();
    await card.waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('published');
    // Title words typed without diacritics find it; words it lacks leave nothing.
    await page.fill('#filter-q', 'cai tao THCS');
    await page.selectOption('#filter-method', 'open');
    await page.getByRole('button', { name: t['tenders.filter.apply'] }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'cai tao THCS');
    await card.waitFor();
    expect(new URL(page.url()).searchParams.get('procurementMethod')).toBe('open');
    await page.fill('#filter-q', 'cai tao benh vien');
    await page.getByRole('button', { name: t['tenders.filter.apply'] }).click();
    await page.locator('.empty').waitFor();
    await page.fill('#filter-q', '');
    await page.getByRole('button', { name: t['tenders.filter.apply'] }).click();
    await card.waitFor();

    // The language switch keeps the page and its query.
    const other = lang === 'vi' ? 'en' : 'vi';
    await page.locator(`.languages a[hreflang="${other}"]`).click();
    await page.waitForURL((url) => url.pathname === `/${other}/`);
    expect(new URL(page.url()).searchParams.get('status')).toBe('published');
    await card.waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the detail: lots in VND, documents section, revisions, answered questions, OCDS links', async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${cloud.url}/${lang}/?buyer=${organisationId}`);
    await page.locator(`li[data-tender-id="${tender.tenderId}"] a`).click();
    await page.waitForURL((url) => url.pathname === `/${lang}/tenders/${tender.tenderId}`);
    await page.locator('#lots').waitFor();
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('#lots .estimated-value').allTextContents()).toEqual([
      '2.000.000.000\u00a0₫',
      '500.000.000\u00a0₫',
    ]);
    expect(await page.locator('#tender-facts .deadline').textContent()).toContain('03:30');
    const qa = page.locator(`[data-question-id="${questionId}"]`);
    expect(await qa.locator('.answer').textContent()).toBe('Có, tối đa 30% giá trị gói thầu.');
    expect(await page.locator('#revisions li[data-revision="1"]').textContent()).toContain(
      String(t['revisions.kind.publication']).replace('{revision}', '1'),
    );
    expect(await page.locator('#documents').textContent()).toContain(t['documents.none']);
    const record = await page.getByRole('link', { name: t['ocds.record'] }).getAttribute('href');
    expect(record).toBe(`/ocds/tenders/${tender.tenderId}/record`);
    const ocds = await cloud.call('GET', record as string);
    expect(ocds.status).toBe(200);
    await expectAccessible(page, `/${lang}/tenders/:id`);
    await saveScreenshot(page, `detail-${lang}.png`);

    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await saveScreenshot(page, `detail-375-${lang}.png`);
    await page.goto(`${cloud.url}/${lang}/?buyer=${organisationId}`);
    await page.locator(`li[data-tender-id="${tender.tenderId}"]`).waitFor();
    await expectNoSideScroll(page);
    await saveScreenshot(page, `list-375-${lang}.png`);
    expect(errors).toEqual([]);
  });

  it("shows a refused request's code as the catalogue's message, beside its field", async () => {
    const { page, errors } = await browser.page();
    const refused = '?deadlineFrom=2030-01-10&deadlineTo=2030-01-01';
    // The API's own answer: a validation problem naming query.deadlineTo, with English prose.
    const direct = await cloud.call(
      'GET',
      `/tenders?deadlineFrom=2030-01-10T00:00:00Z&deadlineTo=2030-01-01T00:00:00Z`,
    );
    expect(direct.status).toBe(400);
    expect(direct.body.code).toBe('VALIDATION_FAILED');
    expect(direct.body.errors.map((e: any) => e.field)).toEqual(['query.deadlineTo']);

    await page.goto(`${cloud.url}/${lang}/${refused}`);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(await alert.locator('p').first().textContent()).toBe(t['problem.VALIDATION_FAILED']);
    const input = page.locator('#filter-deadlineTo');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(t['field.invalid']);
    expect(await page.locator('#filter-deadlineFrom').getAttribute('aria-describedby')).toBeNull();
    // Never the server's English detail.
    expect(await page.locator('body').textContent()).not.toContain(direct.body.errors[0].message);
    await expectAccessible(page, `/${lang}/ (refused)`);
    await saveScreenshot(page, `refused-${lang}.png`);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('shows the contractor register and the open data page', async () => {
    const { page, errors } = await browser.page();
    await page.goto(`${cloud.url}/${lang}/contractors`);
    await page.locator('li[data-contractor-id]').first().waitFor();
    expect(await page.locator('li[data-contractor-id] .status').first().textContent()).toBe(
      t['contractorStatus.active'],
    );
    await expectAccessible(page, `/${lang}/contractors`);
    await saveScreenshot(page, `contractors-${lang}.png`);
    await page.goto(`${cloud.url}/${lang}/open-data`);
    await page.getByRole('link', { name: t['openData.releases'] }).waitFor();
    await expectAccessible(page, `/${lang}/open-data`);
    expect(errors).toEqual([]);
  });
});

describe('the portal at the origin root', () => {
  it('sends / to the Vietnamese list, and leaves API paths to the API', async () => {
    const { page } = await browser.page();
    await page.goto(`${cloud.url}/`);
    await page.waitForURL((url) => url.pathname === '/vi/');
    const api = await fetch(`${cloud.url}/tenders/${tender.tenderId}`);
    expect(api.headers.get('content-type')).toContain('application/json');
    const page404 = await fetch(`${cloud.url}/en/no/such/page`);
    expect(page404.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

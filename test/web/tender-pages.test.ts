// The public pages in Chromium: the list shows each deadline in Hanoi time (the API carries UTC),
// the detail shows lots in vi-VN money and the answered questions. The browser runs in another
// time zone on purpose, so only an explicit Asia/Ho_Chi_Minh conversion passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCloud } from '../support/local-cloud.ts';
import {
  dayMs,
  fromNow,
  procuringEntity,
  publishedTender,
  registeredContractor,
} from '../tenders/fixtures.ts';
import { type Browser, screenshot, startBrowserAndCloud } from './browser.ts';

let cloud: TestCloud;
let browser: Browser;
let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ browser, cloud, stop } = await startBrowserAndCloud());
}, 120_000);
afterAll(() => stop?.());

/** 20:30 UTC is 03:30 the next day in Hanoi (UTC+7): a wrong zone shows another day. */
function lateEveningUtc(daysAhead: number): string {
  const day = new Date(Date.now() + daysAhead * dayMs);
  day.setUTCHours(20, 30, 0, 0);
  return day.toISOString();
}

function hanoiText(instant: string): string {
  const d = new Date(Date.parse(instant) + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} (giờ Hà Nội)`;
}

describe('public tender pages in Chromium', () => {
  it('lists tenders with the deadline in Hanoi time, and shows lots, amounts and answers on the detail', async () => {
    const entity = await procuringEntity(cloud);
    const deadline = lateEveningUtc(40);
    const title = `Cải tạo trường THCS ${crypto.randomUUID().slice(0, 8)}`;
    const tender = await publishedTender(cloud, entity, {
      title,
      submissionDeadline: deadline,
      questionsDeadline: fromNow(20 * dayMs),
    });
    expect(tender.submissionDeadline).toBe(deadline);
    const contractor = await registeredContractor(cloud);
    const asked = await cloud.call('POST', `/tenders/${tender.tenderId}/questions`, {
      token: contractor.token,
      body: { question: 'Có cho phép nhà thầu phụ không?', lotId: tender.lots[0].lotId },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const answered = await cloud.call(
      'POST',
      `/tenders/${tender.tenderId}/questions/${asked.body.questionId}/answer`,
      { token: entity.token, body: { answer: 'Có, tối đa 30% giá trị gói thầu.' } },
    );
    expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
    const { page, errors } = await browser.page();

    // The buyer filter is passed on to the API, so the list holds this entity's tender alone.
    await page.goto(`${cloud.url}/app/?buyer=${entity.organisationId}`);
    const row = page.locator(`tr[data-tender-id="${tender.tenderId}"]`);
    await row.waitFor();
    expect(await page.locator('#tender-table tbody tr').count()).toBe(1);
    expect(await row.locator('td.deadline').textContent()).toBe(hanoiText(deadline));
    expect(hanoiText(deadline)).toMatch(/^03:30 /);
    expect(await row.textContent()).toContain(title);
    expect(await row.textContent()).toContain('Sở Giáo dục và Đào tạo Hà Nội');
    await screenshot(page, 'tender-list');

    await row.locator('a').click();
    await page.locator('#lots').waitFor();
    expect(await page.locator('#tender-facts .deadline').textContent()).toBe(hanoiText(deadline));
    expect(await page.locator('#lots .estimated-value').allTextContents()).toEqual([
      '2.000.000.000\u00a0₫',
      '500.000.000\u00a0₫',
    ]);
    const qa = page.locator(`[data-question-id="${asked.body.questionId}"]`);
    expect(await qa.textContent()).toContain('Có cho phép nhà thầu phụ không?');
    expect(await qa.textContent()).toContain('Có, tối đa 30% giá trị gói thầu.');
    expect(await qa.textContent()).toContain('Lô 1: máy tính để bàn');
    // Who asked is never shown: the page has only what the public API gives.
    expect(await page.locator('main').textContent()).not.toContain(contractor.contractorId);
    await screenshot(page, 'tender-detail');
    const bidLink = page.locator(`#lots tr[data-lot-id="${tender.lots[1].lotId}"] a.button`);
    expect(await bidLink.getAttribute('href')).toBe(
      `bid.html?tender=${tender.tenderId}&lot=${tender.lots[1].lotId}`,
    );

    // The status filter is passed on too: this buyer has no cancelled tender.
    await page.goto(`${cloud.url}/app/?buyer=${entity.organisationId}&status=cancelled`);
    await page.getByText('Không có gói thầu nào.').waitFor();
    expect(await page.locator('#more').isHidden()).toBe(true);
    expect(await page.locator('#filter-status').inputValue()).toBe('cancelled');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows markup in titles and answers as text, never as HTML', async () => {
    const entity = await procuringEntity(cloud);
    const title = `<img src=x onerror="window.__owned=1"> Gói thầu ${crypto.randomUUID().slice(0, 8)}`;
    const tender = await publishedTender(cloud, entity, { title });
    const { page, errors } = await browser.page();
    await page.goto(`${cloud.url}/app/tender.html?id=${tender.tenderId}`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__owned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

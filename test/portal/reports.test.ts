// The oversight reports pages in Chromium, in both languages, signed in as an auditor against a
// local cloud of their own: the KPI report (figures in the table, the online share marked met or
// not met against the target, both charts drawn as SVG with a description in words, filters
// changing the request, an invalid month range refused before any request, the CSV and XLSX
// downloads carrying the bearer token) and the red flags (each indicator named in words with its
// meaning, values and fences, filters and the next page changing the request). axe on every
// state, 375 px without side scrolling, screenshots.
//
// FIXTURES, ON PURPOSE: GET /oversight/kpis and GET /oversight/flags do not exist yet (the "kpis"
// and "export" engineers build them at the same time as these pages). Those two endpoints, and
// only those, are answered here by Playwright's page.route with the shapes in
// portal/src/reports/types.ts; everything else (the portal, sign-in by session, GET
// /organisations and its hierarchy) is the real local cloud. When the APIs land, replace the
// routes with data the cloud computes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import type { Flag, FlagsPage, KpiReport } from '../../portal/src/reports/types.ts';
import { startOwnCloud } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { organisationBody } from '../tenders/fixtures.ts';
import { type Browser, openBrowser } from '../web/browser.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;
const intlLocale = { vi: 'vi-VN', en: 'en-GB' } as const;
const screenshots = join(import.meta.dirname, 'screenshots');
mkdirSync(screenshots, { recursive: true });

let cloud: TestCloud;
let browser: Browser;
let auditorToken: string;
let city: string;
let department: string;

beforeAll(async () => {
  const [opened, started] = await Promise.all([openBrowser(), startOwnCloud(), buildPortal()]);
  browser = opened;
  cloud = started;
  auditorToken = await cloud.token(`auditor-${crypto.randomUUID()}`, 'auditor');
  // A small hierarchy through the real API: the city, and a department under it.
  const admin = await cloud.token('admin-reports', 'admin');
  const create = async (name: string) => {
    const created = await cloud.call('POST', '/organisations', {
      token: admin,
      body: { ...organisationBody(), name },
    });
    expect(created.status).toBe(201);
    return created.body as { organisationId: string; version: number };
  };
  const root = await create('UBND Thành phố (thử nghiệm báo cáo)');
  const child = await create('Sở Thông tin và Truyền thông (thử nghiệm)');
  const placed = await cloud.call('PUT', `/organisations/${child.organisationId}/parent`, {
    token: admin,
    body: { parentId: root.organisationId },
    headers: { 'if-match': `"${child.version}"` },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  city = root.organisationId;
  department = child.organisationId;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

// ---- The fixture responses of the two endpoints not built yet ----------------------------------

const figures = (f: Partial<KpiReport['totals']>): KpiReport['totals'] => ({
  planPackages: 0,
  onlinePackages: 0,
  planValue: 0,
  onlineValue: 0,
  onlineShareByCount: null,
  onlineShareByValue: null,
  awardedPackages: 0,
  savings: 0,
  savingsShare: null,
  averageBids: null,
  singleBidShare: null,
  petitionShare: null,
  medianDaysToAward: null,
  ...f,
});

const kpiFixture = (from: string, to: string): KpiReport => ({
  from,
  to,
  target: { onlineShare: 0.5 },
  months: [
    {
      month: '2026-01',
      ...figures({
        planPackages: 4,
        onlinePackages: 3,
        planValue: 4_000_000_000,
        onlineValue: 2_500_000_000,
        onlineShareByCount: 0.75,
        onlineShareByValue: 0.625,
        awardedPackages: 3,
        savings: 150_000_000,
        savingsShare: 0.05,
        averageBids: 3.5,
        singleBidShare: 1 / 3,
        petitionShare: 0,
        medianDaysToAward: 12.5,
      }),
    },
    {
      month: '2026-02',
      ...figures({
        planPackages: 5,
        onlinePackages: 2,
        planValue: 6_000_000_000,
        onlineValue: 1_500_000_000,
        onlineShareByCount: 0.4,
        onlineShareByValue: 0.25,
        awardedPackages: 2,
        savings: 80_000_000,
        savingsShare: 0.04,
        averageBids: 2,
        singleBidShare: 0.5,
        petitionShare: 0.5,
        medianDaysToAward: 20,
      }),
    },
    // A month with nothing planned: no shares to show, said in words.
    { month: '2026-03', ...figures({}) },
  ],
  totals: figures({
    planPackages: 9,
    onlinePackages: 5,
    planValue: 10_000_000_000,
    onlineValue: 4_000_000_000,
    onlineShareByCount: 5 / 9,
    onlineShareByValue: 0.4,
    awardedPackages: 5,
    // Past 2^53 would be a string of digits; this one stays a number.
    savings: 230_000_000,
    savingsShare: 0.046,
    averageBids: 2.9,
    singleBidShare: 0.4,
    petitionShare: 0.2,
    medianDaysToAward: 15,
  }),
});

const flagsFirstPage: Flag[] = [
  {
    kind: 'process',
    id: 'ocds-test-0001',
    name: 'Mua sắm máy tính cho các trường THPT',
    tenderId: 'T0001',
    indicator: 'R024',
    value: 0.03,
    fences: { q1: 0.2, q3: 0.3, lowerFence: 0.05 },
  },
  { kind: 'tenderer', id: 'CT-0001', name: 'Công ty TNHH Thử nghiệm', indicator: 'R028', value: 1 },
  {
    kind: 'buyer',
    id: 'ORG-0001',
    name: 'Sở Giáo dục và Đào tạo',
    indicator: 'R038',
    value: 0.8,
    fences: { q1: 0.1, q3: 0.3, upperFence: 0.6 },
  },
  { kind: 'process', id: 'ocds-test-0002', indicator: 'R003', value: 7, threshold: 15 },
];
const flagsSecondPage: Flag[] = [{ kind: 'procuring-entity', id: 'ORG-0002', indicator: 'R018', value: 1 }];

interface Seen {
  readonly url: URL;
  readonly authorization: string | undefined;
  readonly accept: string | undefined;
}

/** Answers the two endpoints not built yet, recording what the page asked. */
async function serveFixtures(page: Page) {
  const kpis: Seen[] = [];
  const flags: Seen[] = [];
  const seen = (request: Request): Seen => ({
    url: new URL(request.url()),
    authorization: request.headers().authorization,
    accept: request.headers().accept,
  });
  await page.route(
    (url) => url.origin === cloud.url && url.pathname === '/oversight/kpis',
    async (route: Route) => {
      const s = seen(route.request());
      kpis.push(s);
      const format = s.url.searchParams.get('format');
      if (format === 'csv')
        return route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="kpis.csv"' },
          body: 'month,planPackages\n2026-01,4\n',
        });
      if (format === 'xlsx')
        return route.fulfill({
          status: 200,
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
          body: Buffer.from('PK\u0003\u0004 not a real workbook'),
        });
      const from = s.url.searchParams.get('from') ?? '';
      const to = s.url.searchParams.get('to') ?? '';
      return route.fulfill({ status: 200, json: kpiFixture(from, to) });
    },
  );
  await page.route(
    (url) => url.origin === cloud.url && url.pathname === '/oversight/flags',
    async (route: Route) => {
      const s = seen(route.request());
      flags.push(s);
      const q = s.url.searchParams;
      const items = (q.get('cursor') === 'page-2' ? flagsSecondPage : flagsFirstPage).filter(
        (f) =>
          (!q.get('indicator') || f.indicator === q.get('indicator')) &&
          (!q.get('kind') || f.kind === q.get('kind')),
      );
      const body: FlagsPage = {
        items,
        ...(q.get('cursor') || q.get('indicator') || q.get('kind') ? {} : { nextCursor: 'page-2' }),
      };
      return route.fulfill({ status: 200, json: body });
    },
  );
  return { kpis, flags };
}

// ---- Helpers ------------------------------------------------------------------------------------

async function expectAccessible(page: Page, route: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${route}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

async function expectNoSideScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // On failure, name what sticks out (outside the boxes that scroll on their own).
  const wide =
    width <= 375
      ? []
      : await page.evaluate(() =>
          Array.from(document.querySelectorAll('body *'))
            .filter((e) => e.getBoundingClientRect().right > 376 && !e.parentElement?.closest('.table-wrap'))
            .slice(0, 8)
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
            ),
        );
  expect(wide).toEqual([]);
  expect(width).toBeLessThanOrEqual(375);
}

async function signedInPage(token: string) {
  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, token);
  return { page, errors };
}

describe.each(['vi', 'en'] as const)('the oversight reports in %s', { timeout: 240_000 }, (lang) => {
  const msg = (id: string): string => {
    const text = catalogues[lang][id];
    if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
    return text;
  };
  const percent = (share: number) =>
    new Intl.NumberFormat(intlLocale[lang], { style: 'percent', maximumFractionDigits: 1 }).format(share);
  const vnd = (amount: number) =>
    new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(
      amount,
    );
  /** A message's text up to its first placeholder: what a formatted message must start with. */
  const lead = (id: string) => msg(id).split('{')[0] as string;

  it('shows the KPI report: figures, the target met or not, charts, filters and downloads', async () => {
    const { page, errors } = await signedInPage(auditorToken);
    const seen = await serveFixtures(page);
    await page.goto(`${cloud.url}/${lang}/oversight/reports`);
    expect(await page.locator('main h1').textContent()).toBe(msg('reports.title'));

    const table = page.locator('table.kpi-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBe(3);
    // The first request: the whole city, the twelve Vietnam months up to this one, the token.
    const first = seen.kpis[0] as Seen;
    expect(first.authorization).toBe(`Bearer ${auditorToken}`);
    expect(first.url.searchParams.has('organisationId')).toBe(false);
    const hanoiNow = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    expect(first.url.searchParams.get('to')).toBe(hanoiNow);
    expect(first.url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}$/);
    expect(await page.locator('.report-scope').textContent()).toContain(
      lead('reports.scope.city').replace(/,.*$/, ''),
    );

    // The table: each figure as the API gave it, shares as percentages in the reader's language,
    // money as integer VND in vi-VN grouping, months labelled in words.
    const cell = (month: string, col: string) =>
      table.locator(`tr[data-month="${month}"] [data-col="${col}"]`);
    const january = table.locator('tr[data-month="2026-01"]');
    expect(await january.locator('th time').getAttribute('datetime')).toBe('2026-01');
    expect(await january.locator('th time').textContent()).toMatch(lang === 'en' ? /January 2026/ : /2026/);
    expect(await cell('2026-01', 'packages').textContent()).toBe('3 / 4');
    expect(await cell('2026-01', 'onlineShareByCount').locator('data').textContent()).toBe(percent(0.75));
    expect(await cell('2026-01', 'onlineShareByValue').locator('data').textContent()).toBe(percent(0.625));
    expect(await cell('2026-01', 'savings').locator('.money').textContent()).toBe(vnd(150_000_000));
    expect(await cell('2026-01', 'savings').locator('.money').textContent()).toBe('150.000.000\u00a0₫');
    expect(await cell('2026-01', 'savingsShare').textContent()).toBe(percent(0.05));
    expect(await cell('2026-01', 'averageBids').textContent()).toBe(lang === 'vi' ? '3,5' : '3.5');
    expect(await cell('2026-01', 'singleBidShare').textContent()).toBe(percent(1 / 3));
    expect(await cell('2026-01', 'medianDaysToAward').textContent()).toBe(lang === 'vi' ? '12,5' : '12.5');
    expect(await cell('2026-02', 'petitionShare').textContent()).toBe(percent(0.5));
    // Met and not met, in words, per month and for the period.
    const mark = (month: string, col: string) => cell(month, col).locator('.target-mark');
    expect(await mark('2026-01', 'onlineShareByCount').getAttribute('data-met')).toBe('true');
    expect(await mark('2026-01', 'onlineShareByCount').textContent()).toContain(msg('reports.target.met'));
    expect(await mark('2026-02', 'onlineShareByCount').getAttribute('data-met')).toBe('false');
    expect(await mark('2026-02', 'onlineShareByCount').textContent()).toContain(msg('reports.target.notMet'));
    expect(await mark('2026-02', 'onlineShareByValue').getAttribute('data-met')).toBe('false');
    // Nothing planned in March: no share, no mark, "no data" for screen readers.
    expect(await mark('2026-03', 'onlineShareByCount').count()).toBe(0);
    expect(await cell('2026-03', 'onlineShareByCount').textContent()).toContain(msg('reports.noData'));
    const totals = table.locator('tfoot tr[data-month="total"]');
    expect(await totals.locator('[data-col="packages"]').textContent()).toBe('5 / 9');
    expect(await totals.locator('[data-col="savings"] .money').textContent()).toBe(vnd(230_000_000));
    expect(await table.locator('caption').textContent()).toContain(percent(0.5));

    // The summary: by count 55.6 % meets the 50 % target; by value 40 % does not.
    const byCount = page.locator('[data-kpi="onlineShareByCount"]');
    const byValue = page.locator('[data-kpi="onlineShareByValue"]');
    expect(await byCount.locator('.kpi-value').textContent()).toBe(percent(5 / 9));
    expect(await byCount.locator('.target-mark').getAttribute('data-met')).toBe('true');
    expect(await byCount.locator('.target-mark').textContent()).toContain(msg('reports.target.met'));
    expect(await byValue.locator('.target-mark').getAttribute('data-met')).toBe('false');
    expect(await byValue.locator('.target-mark').textContent()).toContain(msg('reports.target.notMet'));
    expect(await page.locator('[data-kpi="savings"] .money').textContent()).toBe(vnd(230_000_000));

    // Both charts drawn (SVG), each one image with its description in this language.
    for (const [id, description] of [
      ['online', 'reports.chart.online.description'],
      ['competition', 'reports.chart.competition.description'],
    ] as const) {
      const chart = page.locator(`[data-chart="${id}"]`);
      await expect.poll(() => chart.locator('svg path').count(), { timeout: 20_000 }).toBeGreaterThan(3);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toContain(lead(description));
    }
    expect(await page.locator('[data-chart="online"]').getAttribute('aria-label')).toContain(percent(0.5));
    await expectAccessible(page, `/${lang}/oversight/reports`);
    await page.screenshot({ path: join(screenshots, `reports-${lang}.png`), fullPage: true });

    // The organisation choice shows the hierarchy: the department under the city.
    const organisation = page.getByLabel(msg('reports.filter.organisation'), { exact: true });
    const options = await organisation
      .locator('option')
      .evaluateAll((os) =>
        os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })),
      );
    expect(options[0]).toEqual({ value: '', text: msg('reports.wholeCity') });
    const cityAt = options.findIndex((o) => o.value === city);
    const departmentAt = options.findIndex((o) => o.value === department);
    expect(cityAt).toBeGreaterThan(0);
    expect(departmentAt).toBe(cityAt + 1);
    expect(options[departmentAt]?.text).toMatch(/^\s+└\s+Sở Thông tin/);

    // Filters change the request (and the URL).
    const before = seen.kpis.length;
    await organisation.selectOption(department);
    await page.getByLabel(msg('reports.filter.category'), { exact: true }).selectOption('goods');
    await page.getByLabel(msg('reports.filter.method'), { exact: true }).selectOption('open');
    await page.getByLabel(msg('reports.filter.from'), { exact: true }).fill('2025-10');
    await page.getByLabel(msg('reports.filter.to'), { exact: true }).fill('2026-03');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await expect.poll(() => seen.kpis.length, { timeout: 15_000 }).toBeGreaterThan(before);
    const filtered = (seen.kpis.at(-1) as Seen).url.searchParams;
    expect(Object.fromEntries(filtered)).toEqual({
      organisationId: department,
      category: 'goods',
      method: 'open',
      from: '2025-10',
      to: '2026-03',
    });
    expect(new URL(page.url()).searchParams.get('organisationId')).toBe(department);
    await expect
      .poll(() => page.locator('.report-scope').getAttribute('data-organisation-id'))
      .toBe(department);
    expect(await page.locator('.report-scope').textContent()).toContain('Sở Thông tin và Truyền thông');

    // A backwards range is refused beside the field, and nothing is asked.
    const asked = seen.kpis.length;
    await page.getByLabel(msg('reports.filter.from'), { exact: true }).fill('2026-05');
    await page.getByLabel(msg('reports.filter.to'), { exact: true }).fill('2026-01');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    const rangeError = page.locator('#report-range-error');
    await rangeError.waitFor();
    expect(await rangeError.textContent()).toBe(msg('reports.filter.rangeInvalid'));
    expect(
      await page.getByLabel(msg('reports.filter.from'), { exact: true }).getAttribute('aria-describedby'),
    ).toBe('report-range-error');
    expect(await page.locator('table.kpi-table').count()).toBe(0);
    expect(seen.kpis.length).toBe(asked);
    await expectAccessible(page, `/${lang}/oversight/reports (range refused)`);

    // Downloads: the same filters, the format, the token (a plain link could not send it).
    await page.goto(`${cloud.url}/${lang}/oversight/reports?organisationId=${city}&from=2026-01&to=2026-03`);
    await table.locator('tbody tr').first().waitFor({ timeout: 20_000 });
    // The organisation in the URL is the one chosen (once the list has arrived).
    await expect.poll(() => organisation.inputValue(), { timeout: 15_000 }).toBe(city);
    for (const format of ['csv', 'xlsx'] as const) {
      const link = page.getByRole('link', { name: msg(`reports.export.${format}`) });
      expect(new URL((await link.getAttribute('href')) as string).searchParams.get('format')).toBe(format);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const request = seen.kpis.at(-1) as Seen;
      expect(Object.fromEntries(request.url.searchParams)).toEqual({
        organisationId: city,
        from: '2026-01',
        to: '2026-03',
        format,
      });
      expect(request.authorization).toBe(`Bearer ${auditorToken}`);
      expect(request.accept).toBe(
        format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(download.suggestedFilename()).toBe(
        format === 'csv' ? 'kpis.csv' : `kpis-${city}-2026-01-2026-03.xlsx`,
      );
    }

    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.locator('[data-chart="online"] svg').count()).toBe(1);
    await expectNoSideScroll(page);
    await expectAccessible(page, `/${lang}/oversight/reports (375 px)`);
    await page.screenshot({ path: join(screenshots, `reports-375-${lang}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the red flags with each indicator in words, values and fences, filtered and paged', async () => {
    const { page, errors } = await signedInPage(auditorToken);
    const seen = await serveFixtures(page);
    await page.goto(`${cloud.url}/${lang}/oversight/flags`);
    expect(await page.locator('main h1').textContent()).toBe(msg('reports.flags.title'));
    const rows = page.locator('table.flags-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    expect(seen.flags[0]?.authorization).toBe(`Bearer ${auditorToken}`);
    expect([...(seen.flags[0]?.url.searchParams.keys() ?? [])]).toEqual([]);

    const row = (kind: string, id: string) => page.locator(`tr[data-kind="${kind}"][data-id="${id}"]`);
    const r024 = row('process', 'ocds-test-0001');
    expect(await r024.locator('[data-col="indicator"] .indicator-name').textContent()).toBe(
      `R024 ${msg('reports.indicator.R024.name')}`,
    );
    expect(await r024.locator('.indicator-meaning').textContent()).toBe(
      msg('reports.indicator.R024.meaning'),
    );
    expect(await r024.locator('[data-col="kind"]').textContent()).toBe(msg('reports.flags.kind.process'));
    expect(await r024.locator('th a').getAttribute('href')).toBe(`/${lang}/tenders/T0001`);
    expect(await r024.locator('[data-col="value"]').textContent()).toBe(lang === 'vi' ? '0,03' : '0.03');
    expect(await r024.locator('[data-fence="lowerFence"]').textContent()).toBe(
      msg('reports.flags.lowerFence').replace('{value}', lang === 'vi' ? '0,05' : '0.05'),
    );
    expect(await r024.locator('.quartiles').textContent()).toBe(
      lang === 'vi' ? 'Q1 = 0,2, Q3 = 0,3' : 'Q1 = 0.2, Q3 = 0.3',
    );
    const r038 = row('buyer', 'ORG-0001');
    expect(await r038.locator('[data-fence="upperFence"]').textContent()).toBe(
      msg('reports.flags.upperFence').replace('{value}', lang === 'vi' ? '0,6' : '0.6'),
    );
    const r003 = row('process', 'ocds-test-0002');
    expect(await r003.locator('[data-fence="threshold"]').textContent()).toBe(
      msg('reports.flags.threshold').replace('{value}', '15'),
    );
    // A process without a name shows its OCID, and no link.
    expect(await r003.locator('th').textContent()).toBe('ocds-test-0002');
    expect(await row('tenderer', 'CT-0001').locator('[data-col="fence"]').textContent()).toBe(
      msg('reports.flags.noFence'),
    );
    await expectAccessible(page, `/${lang}/oversight/flags`);
    await page.screenshot({ path: join(screenshots, `flags-${lang}.png`), fullPage: true });

    // The next page asks with the cursor.
    await page.getByRole('link', { name: msg('pager.next') }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(seen.flags.at(-1)?.url.searchParams.get('cursor')).toBe('page-2');
    expect(await rows.first().getAttribute('data-indicator')).toBe('R018');

    // Filters: the indicator options are named in words; choosing one and a kind changes the
    // request and starts from the first page.
    const indicator = page.getByLabel(msg('reports.flags.filter.indicator'), { exact: true });
    expect(await indicator.locator('option[value="R044"]').textContent()).toBe(
      `R044 — ${msg('reports.indicator.R044.name')}`,
    );
    await indicator.selectOption('R038');
    await page.getByLabel(msg('reports.flags.filter.kind'), { exact: true }).selectOption('buyer');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rows.first().getAttribute('data-id')).toBe('ORG-0001');
    expect(Object.fromEntries(seen.flags.at(-1)?.url.searchParams ?? [])).toEqual({
      indicator: 'R038',
      kind: 'buyer',
    });
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();

    // Nothing matches: said so.
    await page.getByLabel(msg('reports.flags.filter.kind'), { exact: true }).selectOption('tenderer');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await page.locator('.flags-empty').waitFor();
    expect(await page.locator('.flags-empty').textContent()).toBe(msg('reports.flags.none'));

    await page.goto(`${cloud.url}/${lang}/oversight/flags`);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await expectAccessible(page, `/${lang}/oversight/flags (375 px)`);
    await page.screenshot({ path: join(screenshots, `flags-375-${lang}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the reports for anyone but auditors and admins', { timeout: 120_000 }, () => {
  it('say who they are for, and ask nothing of the APIs', async () => {
    const token = await cloud.token(`contractor-${crypto.randomUUID()}`, 'contractor');
    const { page } = await signedInPage(token);
    const seen = await serveFixtures(page);
    for (const path of ['reports', 'flags']) {
      await page.goto(`${cloud.url}/vi/oversight/${path}`);
      await page.locator('main .notice').waitFor();
      expect(await page.locator('main .notice').textContent()).toBe(vi['reports.signInNeeded']);
    }
    expect([...seen.kpis, ...seen.flags]).toEqual([]);
    await page.close();
  });
});

// The oversight reports pages in Chromium against a local cloud of their own, with no fixture
// responses: a small city seeded through the API and the test support (the city → a department →
// a board; the board's published plan with online, offline and out-of-scope packages, one done
// offline and recorded; the department's own plan; two tenders from the board's plan opened
// through the pipeline, one with a single bid and awarded, one with two identical prices), then
// POST /ocds/exports as admin so the red flags exist. The KPI report's figures, the met / not-met
// marking, the breakdown by child, both charts, filters changing the request and the CSV / XLSX
// downloads (bearer token, the API's bytes) are checked against the API's own answer; the flags
// against GET /oversight/flags; a procuring entity reaches its own subtree's report from its
// dashboard. Both languages, axe, 375 px.
import { readFileSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { openTenderWith, rank, tenderMatch, verdict } from '../awards/pipeline-support.ts';
import { startOwnCloud, until } from '../opening/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { dayMs, type Entity, ifMatch, organisationBody } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;
const intlLocale = { vi: 'vi-VN', en: 'en-GB' } as const;

let cloud: TestCloud;
let browser: Browser;
let auditor: string;
const org = { city: '', department: '', board: '' };
let board: Entity;
let singleBid: string;
let identical: string;
// Wide enough for the plans' quarters and the tenders' deadlines (a month on from the seeding).
const range = { from: '2026-01', to: '2027-12' };

async function organisation(admin: string, name: string, parentId?: string) {
  const created = await cloud.call('POST', '/organisations', {
    token: admin,
    body: { ...organisationBody(), name, ...(parentId ? { parentId } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.organisationId as string;
}

const pkg = (name: string, category: string, method: string, estimate: number, online = true) => ({
  name,
  category,
  method,
  estimate,
  fundingSource: 'Ngân sách thành phố năm 2026',
  plannedQuarter: '2026-Q4',
  contractType: 'lump-sum',
  online,
  ...(online ? {} : { offlineException: 'secret' }),
});

async function publishedPlan(token: string, title: string, packages: unknown[]) {
  const created = await cloud.call('POST', '/plans', {
    token,
    body: { title, fiscalYear: 2026, decision: { number: '12/QĐ-BQL', date: '2026-01-15' }, packages },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await cloud.call('POST', `/plans/${created.body.planId}/publish`, {
    token,
    headers: ifMatch(created.body.version),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body as { planId: string; packages: { packageId: string }[] };
}

const report = async (query: Record<string, string>, token = auditor) => {
  const response = await cloud.call('GET', `/kpis/report?${new URLSearchParams(query)}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

beforeAll(async () => {
  const [opened, started] = await Promise.all([openBrowser(), startOwnCloud(), buildPortal()]);
  browser = opened;
  cloud = started;
  const admin = await cloud.token('admin-reports', 'admin');
  org.city = await organisation(admin, 'UBND Thành phố (thử nghiệm báo cáo)');
  org.department = await organisation(admin, 'Sở Thông tin và Truyền thông (thử nghiệm)', org.city);
  org.board = await organisation(admin, 'Ban quản lý dự án CNTT (thử nghiệm)', org.department);
  const boardSub = `pe-${crypto.randomUUID()}`;
  board = {
    organisationId: org.board,
    sub: boardSub,
    token: await cloud.token(boardSub, 'procuring-entity', org.board),
  };
  const departmentToken = await cloud.token(`pe-${crypto.randomUUID()}`, 'procuring-entity', org.department);

  // The board: two online goods/open packages (in the Hanoi target's scope, small), one offline
  // under an exception (in scope, not online), one works/limited of 30 bn (outside the scope).
  const plan = await publishedPlan(board.token, 'KHLCNT thiết bị CNTT 2026', [
    pkg('Máy tính', 'goods', 'open', 2_000_000_000),
    pkg('Máy chiếu', 'goods', 'open', 2_000_000_000),
    pkg('Thiết bị bảo mật', 'goods', 'open', 800_000_000, false),
    pkg('Nhà trạm', 'works', 'limited', 30_000_000_000),
  ]);
  const [computers, projectors, secure] = plan.packages as [
    { packageId: string },
    { packageId: string },
    { packageId: string },
  ];
  const offline = await cloud.call(
    'POST',
    `/plans/${plan.planId}/packages/${secure.packageId}/offline-result`,
    {
      token: board.token,
      body: {
        awardedAt: new Date(cloud.clock.nowMs() - dayMs).toISOString(),
        awardedValue: 780_000_000,
        supplierName: 'Công ty CP An ninh Thủ đô',
      },
    },
  );
  expect(offline.status, JSON.stringify(offline.body)).toBe(201);
  // The department's own shopping packages (in scope, any size): a small one online, a large one
  // offline, so its row meets the target by count (1 of 2, 50 %) and misses it by value.
  await publishedPlan(departmentToken, 'KHLCNT văn phòng phẩm 2026', [
    pkg('Văn phòng phẩm', 'goods', 'competitive-shopping', 300_000_000),
    pkg('Bàn ghế', 'goods', 'competitive-shopping', 2_000_000_000, false),
  ]);

  // Two tenders from the board's plan, opened by the pipeline: one single bid, awarded; one with
  // two identical prices.
  const one = await openTenderWith(cloud, board, { planId: plan.planId, packageId: computers.packageId }, [
    { key: 'A', price: 1_500_000_000 },
  ]);
  const two = await openTenderWith(cloud, board, { planId: plan.planId, packageId: projectors.packageId }, [
    { key: 'B', price: 1_800_000_000 },
    { key: 'C', price: 1_800_000_000 },
  ]);
  singleBid = one.tenderId;
  identical = two.tenderId;
  await verdict(cloud, board.token, singleBid, one.bids.A?.bidId as string, 'legal-status', true);
  await rank(cloud, board.token, singleBid);
  const awarded = await cloud.call('POST', `/tenders/${singleBid}/lots/${one.lotId}/award`, {
    token: board.token,
    headers: await tenderMatch(cloud, singleBid),
    body: { bidId: one.bids.A?.bidId },
  });
  expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);

  // Tokens minted on the moved clock.
  auditor = await cloud.token(`auditor-${crypto.randomUUID()}`, 'auditor');
  const exported = await cloud.call('POST', '/ocds/exports', {
    token: await cloud.token(`admin-${crypto.randomUUID()}`, 'admin'),
  });
  expect(exported.status, JSON.stringify(exported.body)).toBe(200);
  // The aggregates follow the audit stream: wait until they carry the plans, tenders and award.
  const total = await until(
    async () => (await report({ organisationId: org.city, ...range })).total,
    (t) => t.plannedPackages === 6 && t.tenders === 2 && t.awardedTenders === 1 && t.offlineRecorded === 1,
    90_000,
  );
  expect(total).toMatchObject({ plannedPackages: 6, tenders: 2, awardedTenders: 1, targetPackages: 5 });
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

// ---- Helpers ------------------------------------------------------------------------------------

async function expectNoSideScroll(page: Page): Promise<void> {
  // The charts redraw at the new width on their resize observer's next frame: wait for the page
  // to settle within the bound, then name whatever still sticks out. The wait is long because on
  // a busy machine (the full suite on two cores) a frame of the headless browser can take seconds.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 20_000 })
    .toBeLessThanOrEqual(375)
    .catch(() => undefined);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
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

/** A signed-in page that records every API request it makes (path, query, authorization). */
async function signedInPage(token: string) {
  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, token);
  const asked: { url: URL; authorization: string | undefined; accept: string | undefined }[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.origin === cloud.url && /^\/(kpis|oversight\/flags)/.test(url.pathname))
      asked.push({ url, authorization: request.headers().authorization, accept: request.headers().accept });
  });
  const last = (path: string) => asked.filter((a) => a.url.pathname === path).at(-1);
  return { page, errors, asked, last };
}

describe.each(['vi', 'en'] as const)('the oversight reports in %s', { timeout: 300_000 }, (lang) => {
  const msg = (id: string): string => {
    const text = catalogues[lang][id];
    if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
    return text;
  };
  const percent = (value: number | null) =>
    value === null
      ? null
      : new Intl.NumberFormat(intlLocale[lang], { style: 'percent', maximumFractionDigits: 2 }).format(
          value / 100,
        );
  const vnd = (amount: number) =>
    new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(
      amount,
    );
  const lead = (id: string) => msg(id).split('{')[0] as string;

  it('shows the API’s report: figures, the target met or not, breakdown, charts, filters, downloads', async () => {
    const { page, errors, asked, last } = await signedInPage(auditor);
    const query = { organisationId: org.department, ...range };
    await page.goto(`${cloud.url}/${lang}/oversight/reports?${new URLSearchParams(query)}`);
    expect(await page.locator('main h1').textContent()).toBe(msg('reports.title'));
    const expected = await report(query);
    const table = page.locator('table.kpi-rows');
    await expect
      .poll(() => table.locator('tbody tr').count(), { timeout: 30_000 })
      .toBe(expected.rows.length);
    expect(expected.rows.length).toBeGreaterThanOrEqual(3);
    const first = last('/kpis/report');
    expect(first?.authorization).toBe(`Bearer ${auditor}`);
    expect(Object.fromEntries(first?.url.searchParams ?? [])).toEqual(query);
    expect(await page.locator('.report-scope').textContent()).toContain('Sở Thông tin và Truyền thông');

    // Every row as the API gave it: shares in the reader's language, the API's met / not met.
    for (const row of expected.rows) {
      const line = table.locator(
        `tbody tr[data-month="${row.month}"][data-category="${row.category}"][data-method="${row.method}"]`,
      );
      expect(await line.count()).toBe(1);
      const cell = (col: string) => line.locator(`[data-col="${col}"]`);
      expect(await cell('packages').textContent()).toBe(`${row.onlinePackages} / ${row.plannedPackages}`);
      expect(await cell('category').textContent()).toBe(msg(`category.${row.category}`));
      expect(await cell('method').textContent()).toBe(msg(`method.${row.method}`));
      expect(await cell('tenders').textContent()).toBe(String(row.tenders));
      for (const col of ['onlineShareByCount', 'singleBidShare', 'petitionShare', 'targetShareByCount']) {
        const share = percent(row[col]);
        if (share === null) expect(await cell(col).textContent()).toContain(msg('reports.noData'));
        else expect(await cell(col).locator('data').textContent()).toBe(share);
      }
      for (const [col, met] of [
        ['targetShareByCount', row.targetMet],
        ['targetShareByValue', row.targetMetByValue],
      ] as const) {
        const mark = cell(col).locator('.target-mark');
        if (met === null) expect(await mark.count()).toBe(0);
        else {
          expect(await mark.getAttribute('data-met')).toBe(String(met));
          expect(await mark.textContent()).toContain(
            msg(met ? 'reports.target.met' : 'reports.target.notMet'),
          );
        }
      }
      if (row.awardedTenders > 0)
        expect(await cell('savingsVnd').locator('.money').textContent()).toBe(vnd(row.savingsVnd));
    }
    // The seeding has both: the department's shopping row meets the target by count, not by value.
    expect(await table.locator('.target-mark[data-met="true"]').count()).toBeGreaterThan(0);
    expect(await table.locator('.target-mark[data-met="false"]').count()).toBeGreaterThan(0);
    const total = expected.total;
    const byCount = page.locator('[data-kpi="targetShareByCount"]');
    expect(await byCount.locator('.kpi-value').textContent()).toBe(percent(total.targetShareByCount));
    expect(await byCount.locator('.target-mark').getAttribute('data-met')).toBe(String(total.targetMet));
    expect(await page.locator('[data-kpi="targetShareByValue"] .target-mark').getAttribute('data-met')).toBe(
      String(total.targetMetByValue),
    );
    expect(await page.locator('[data-kpi="savingsVnd"] .money').textContent()).toBe(vnd(total.savingsVnd));
    expect(await page.locator('[data-kpi="averageBids"] .kpi-value').textContent()).toBe(
      new Intl.NumberFormat(intlLocale[lang], { maximumFractionDigits: 2 }).format(total.averageBids),
    );
    const foot = table.locator('tfoot tr[data-month="total"]');
    expect(await foot.locator('[data-col="packages"]').textContent()).toBe(
      `${total.onlinePackages} / ${total.plannedPackages}`,
    );
    expect(await table.locator('caption').textContent()).toContain(
      percent(expected.target.percent) as string,
    );
    // The target in words: the percent and each scope rule of KPI_ONLINE_TARGET_SCOPE.
    expect(await page.locator('.target-scope li').count()).toBe(expected.target.scope.length);

    // Both charts drawn (SVG), by month, each one image with its description in this language.
    for (const [id, description] of [
      ['online', 'reports.chart.online.description'],
      ['competition', 'reports.chart.competition.description'],
    ] as const) {
      const chart = page.locator(`[data-chart="${id}"]`);
      await expect.poll(() => chart.locator('svg path').count(), { timeout: 30_000 }).toBeGreaterThan(3);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toContain(lead(description));
    }
    await expectAccessible(page, `/${lang}/oversight/reports`);
    await saveScreenshot(page, `reports-${lang}.png`);

    // The organisation choice shows the hierarchy: the board under the department under the city.
    const organisation = page.getByLabel(msg('reports.filter.organisation'), { exact: true });
    const options = await organisation
      .locator('option')
      .evaluateAll((os) =>
        os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })),
      );
    expect(options[0]).toEqual({ value: '', text: msg('reports.wholeCity') });
    const at = (id: string) => options.findIndex((o) => o.value === id);
    expect(at(org.department)).toBe(at(org.city) + 1);
    expect(at(org.board)).toBe(at(org.department) + 1);
    expect(options[at(org.board)]?.text).toMatch(/^\s+└\s+Ban quản lý/);

    // Breakdown by child: the request says so, and the table has one line per organisation.
    await page.getByLabel(msg('reports.filter.breakdown'), { exact: true }).selectOption('children');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    const breakdown = page.locator('table.kpi-breakdown tbody tr');
    await expect.poll(() => breakdown.count(), { timeout: 20_000 }).toBe(2);
    expect(last('/kpis/report')?.url.searchParams.get('breakdown')).toBe('children');
    const split = await report({ ...query, breakdown: 'children' });
    const own = page.locator(`table.kpi-breakdown tr[data-organisation-id="${org.department}"]`);
    expect(await own.getAttribute('data-rolled-up')).toBe('false');
    const boardLine = page.locator(`table.kpi-breakdown tr[data-organisation-id="${org.board}"]`);
    const boardRows = split.rows.filter((r: any) => r.organisationId === org.board);
    const sum = (key: string) => boardRows.reduce((n: number, r: any) => n + r[key], 0);
    expect(await boardLine.locator('[data-col="packages"]').textContent()).toBe(
      `${sum('onlinePackages')} / ${sum('plannedPackages')}`,
    );
    expect(await boardLine.locator('[data-col="tenders"]').textContent()).toBe(String(sum('tenders')));
    expect(await boardLine.locator('th').textContent()).toContain('Ban quản lý dự án CNTT');
    expect(await table.locator('tbody tr').count()).toBe(split.rows.length);
    await expectAccessible(page, `/${lang}/oversight/reports (breakdown)`);

    // Filters change the request (and the URL), and the page follows the API's answer.
    await page.getByLabel(msg('reports.filter.category'), { exact: true }).selectOption('works');
    await page.getByLabel(msg('reports.filter.breakdown'), { exact: true }).selectOption('none');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await expect
      .poll(() => last('/kpis/report')?.url.searchParams.get('category'), { timeout: 20_000 })
      .toBe('works');
    expect(Object.fromEntries(last('/kpis/report')?.url.searchParams ?? [])).toEqual({
      ...query,
      category: 'works',
    });
    const works = await report({ ...query, category: 'works' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBe(works.rows.length);
    expect(await table.locator('tbody tr').first().getAttribute('data-method')).toBe('limited');

    // A backwards range is refused beside the field, and nothing is asked.
    const before = asked.length;
    await page.getByLabel(msg('reports.filter.from'), { exact: true }).fill('2026-05');
    await page.getByLabel(msg('reports.filter.to'), { exact: true }).fill('2026-01');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await page.locator('#report-range-error').waitFor();
    expect(await page.locator('#report-range-error').textContent()).toBe(msg('reports.filter.rangeInvalid'));
    expect(asked.length).toBe(before);

    // Downloads: the same filters and the format, with the token; the file is the API's.
    await page.goto(`${cloud.url}/${lang}/oversight/reports?${new URLSearchParams(query)}`);
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    for (const format of ['csv', 'xlsx'] as const) {
      const link = page.getByRole('link', { name: msg(`reports.export.${format}`) });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]).catch(
        async (error: Error) => {
          // The page shows a failed export instead of throwing it (a full run once timed out
          // here): the failure says what the page showed and logged.
          const shown = await page.locator('section[aria-labelledby="exports-heading"]').textContent();
          throw new Error(
            `${format}: no download (${error.message}); the exports section shows: ${shown}; page errors: ${errors.join(' | ')}`,
          );
        },
      );
      const request = last('/kpis/report/export');
      expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({ ...query, format });
      expect(request?.authorization).toBe(`Bearer ${auditor}`);
      expect(download.suggestedFilename()).toBe(`kpi-${org.department}-${range.from}-${range.to}.${format}`);
      const saved = readFileSync((await download.path()) as string);
      if (format === 'csv') {
        const api = await cloud.call(
          'GET',
          `/kpis/report/export?${new URLSearchParams({ ...query, format })}`,
          {
            token: auditor,
          },
        );
        // The API's bytes, with the byte-order mark that makes Excel read UTF-8 (fetch's text() drops it).
        expect(saved.subarray(0, 3).toString('hex')).toBe('efbbbf');
        expect(saved.subarray(3).toString('utf8')).toBe(api.body);
        expect(api.body.split('\n').filter(Boolean).length).toBe(expected.rows.length + 2);
      } else expect(saved.subarray(0, 2).toString()).toBe('PK');
    }

    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.locator('[data-chart="online"] svg').count()).toBe(1);
    await expectNoSideScroll(page);
    await expectAccessible(page, `/${lang}/oversight/reports (375 px)`);
    await saveScreenshot(page, `reports-375-${lang}.png`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the red flags of the export run as the API gives them, filtered', async () => {
    const { page, errors, last } = await signedInPage(auditor);
    await page.goto(`${cloud.url}/${lang}/oversight/flags`);
    expect(await page.locator('main h1').textContent()).toBe(msg('reports.flags.title'));
    const api = (await cloud.call('GET', '/oversight/flags', { token: auditor })).body;
    expect(api.run.releases).toBe(2);
    const rows = page.locator('table.flags-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(api.items.length);
    expect(last('/oversight/flags')?.authorization).toBe(`Bearer ${auditor}`);
    expect(await page.locator('.flags-run').getAttribute('data-run-id')).toBe(api.run.runId);

    // The single-bid process: R018, named in words, linked to its tender.
    const r018 = page.locator(`tr[data-kind="ocid"][data-indicator="R018"][data-id$="${singleBid}"]`);
    expect(await r018.count()).toBe(1);
    expect(await r018.locator('.indicator-name').textContent()).toBe(
      `R018 ${msg('reports.indicator.R018.name')}`,
    );
    expect(await r018.locator('[data-col="kind"]').textContent()).toBe(msg('reports.flags.kind.ocid'));
    expect(await r018.locator('th a').getAttribute('href')).toBe(`/${lang}/tenders/${singleBid}`);
    expect(await r018.locator('[data-col="value"]').textContent()).toBe('1');
    for (const item of api.items) {
      const row = page.locator(
        `tr[data-kind="${item.kind}"][data-id="${item.id}"][data-indicator="${item.indicator}"]`,
      );
      expect(await row.locator('[data-col="value"] data').getAttribute('value')).toBe(String(item.value));
      if (item.fences.upper_fence !== undefined)
        expect(await row.locator('[data-fence="upperFence"]').count()).toBe(1);
    }
    await expectAccessible(page, `/${lang}/oversight/flags`);
    await saveScreenshot(page, `flags-${lang}.png`);

    // Filters: the kind and the indicator go into the request; the page shows the API's answer.
    await page.getByLabel(msg('reports.flags.filter.indicator'), { exact: true }).selectOption('R028');
    await page.getByLabel(msg('reports.flags.filter.kind'), { exact: true }).selectOption('tenderer');
    await page.getByRole('button', { name: msg('reports.filter.apply') }).click();
    await expect
      .poll(() => Object.fromEntries(last('/oversight/flags')?.url.searchParams ?? []), { timeout: 20_000 })
      .toEqual({ indicator: 'R028', kind: 'tenderer' });
    // The two tenderers with the same price on the identical-price tender, named from the export.
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    for (const name of await rows.locator('th span, th a').allTextContents())
      expect(name).toMatch(/^Công ty [BC]$/);
    expect(await page.locator('tr[data-kind="ocid"]').count()).toBe(0);
    expect(identical).toBeTruthy();

    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await expectAccessible(page, `/${lang}/oversight/flags (375 px)`);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a procuring entity and a contractor', { timeout: 180_000 }, () => {
  it('the entity reaches its own subtree’s report from its dashboard', async () => {
    const token = await cloud.token(`pe-${crypto.randomUUID()}`, 'procuring-entity', org.board);
    const { page, errors, last } = await signedInPage(token);
    await page.goto(`${cloud.url}/vi/workspace`);
    await page.locator('#ws-kpi-report').click();
    await page.waitForURL(/\/vi\/oversight\/reports/);
    await expect
      .poll(() => last('/kpis/report')?.url.searchParams.get('organisationId'), { timeout: 30_000 })
      .toBe(org.board);
    expect(await page.locator('.report-scope').getAttribute('data-organisation-id')).toBe(org.board);
    // Its own subtree only: no whole-city choice.
    const choice = page.getByLabel(vi['reports.filter.organisation'] as string, { exact: true });
    await expect.poll(() => choice.inputValue(), { timeout: 15_000 }).toBe(org.board);
    expect(await choice.locator('option[value=""]').count()).toBe(0);
    // The default range (twelve months to now) is what it asked; the page shows that answer.
    const asked = Object.fromEntries(last('/kpis/report')?.url.searchParams ?? []);
    const expected = await report(asked, token);
    const summary = page.locator('[data-kpi="targetShareByCount"]');
    await summary.waitFor({ timeout: 20_000 });
    if (expected.total.targetMet !== null)
      expect(await summary.locator('.target-mark').getAttribute('data-met')).toBe(
        String(expected.total.targetMet),
      );
    expect(await page.locator('table.kpi-rows tbody tr').count()).toBe(expected.rows.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a contractor is told who the pages are for, and nothing is asked', async () => {
    const token = await cloud.token(`contractor-${crypto.randomUUID()}`, 'contractor');
    const { page, asked } = await signedInPage(token);
    for (const path of ['reports', 'flags']) {
      await page.goto(`${cloud.url}/vi/oversight/${path}`);
      await page.locator('main .notice').waitFor();
      expect(await page.locator('main .notice').textContent()).toBe(vi['reports.signInNeeded']);
    }
    expect(asked).toEqual([]);
    await page.close();
  });
});

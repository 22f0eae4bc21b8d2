// The procuring entity's decisions in Chromium, in both languages, against one local cloud of its
// own (its clock moves): a combined-method tender with three sealed bids is opened through the
// API; then in the browser the entity reads the minutes, gives eligibility verdicts (a failure
// without its reason refused beside the field), scores the bids, ranks them (202, the page polls
// until ranked) and reads the report, awards the second-ranked bid (refused without a reason,
// the problem shown beside the reason; accepted with one), answers a petition a bidder filed
// through the API, records the contract once the standstill is over, and finds the petition in
// its notifications. After each step the test reads what the API stored; every write carried
// If-Match. The law's own periods run here (PERIOD_ACCELERATION=1), so the standstill is 10 days
// and the clock is moved past it. axe on both routes, 375 px, screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { type OpenedTender, openTenderWith, tenderMatch, verdict } from '../awards/pipeline-support.ts';
import { startOwnCloud, until } from '../opening/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;
let entity: Entity;

beforeAll(async () => {
  const [opened, started] = await Promise.all([
    openBrowser(),
    startOwnCloud({ PERIOD_ACCELERATION: '1' }),
    buildPortal(),
  ]);
  browser = opened;
  cloud = started;
  entity = await procuringEntity(cloud);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

async function expectNoSideScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
}

/** A page signed in as the entity, recording the If-Match of every write it sends to the API. */
async function signedInPage() {
  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, entity.token);
  const writes: { method: string; path: string; ifMatch: string | undefined }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['PUT', 'POST'].includes(request.method()) && url.origin === cloud.url) {
      writes.push({ method: request.method(), path: url.pathname, ifMatch: request.headers()['if-match'] });
    }
  });
  return { page, errors, writes };
}

const hanoiInput = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);

describe.each(['vi', 'en'] as const)('the decisions workspace in %s', { timeout: 240_000 }, (lang) => {
  const msg = (id: string): string => {
    const text = catalogues[lang][id];
    if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
    return text;
  };
  let tender: OpenedTender;
  const key = (bidId: string) => Object.entries(tender.bids).find(([, b]) => b.bidId === bidId)?.[0];

  beforeAll(async () => {
    // Technical A 90, B 70, C 80; price scores A 80, B 100, C 88.89; combined 70/30: A 87, C 82.67,
    // B 79. Ranking A, C, B.
    tender = await openTenderWith(
      cloud,
      entity,
      { evaluation: { method: 'combined', technicalWeight: 70, priceWeight: 30 } },
      [
        { key: 'A', price: 1_000_000_000 },
        { key: 'B', price: 800_000_000 },
        { key: 'C', price: 900_000_000 },
      ],
    );
  }, 180_000);

  it('takes a tender from its minutes to its contract, and shows the inbox', async () => {
    const { page, errors, writes } = await signedInPage();
    const api = (path: string) => cloud.call('GET', path, { token: entity.token });
    const bidOf = (k: string) => tender.bids[k]?.bidId as string;
    await page.goto(`${cloud.url}/${lang}/workspace/tenders/${tender.tenderId}/decisions`);

    // The minutes: three bids opened, with their prices in VND.
    const minutes = page.locator('#minutes .minutes[data-phase="single"]');
    // The table's rows render after its frame: poll until all three are there.
    await expect.poll(() => minutes.locator('tbody tr').count(), { timeout: 15_000 }).toBe(3);
    expect(await minutes.locator(`tr[data-bid-id="${bidOf('B')}"] .money`).textContent()).toBe(
      '800.000.000\u00a0₫',
    );
    expect(await page.locator('h2#minutes-title').textContent()).toBe(msg('decisions.step.minutes'));
    await expectAccessible(page, `/${lang}/workspace/tenders/:id/decisions (minutes)`);

    // Eligibility: a failure without its reason is refused beside the reason field.
    const bidCard = (section: string, k: string) => page.locator(`#${section} li[data-bid-id="${bidOf(k)}"]`);
    const a = bidCard('eligibility', 'A');
    await a.getByLabel(msg('decisions.eligibility.fail'), { exact: true }).check();
    await a.getByRole('button', { name: msg('decisions.eligibility.save') }).click();
    const reasonError = a.locator('.field-error[data-field="reason"]');
    await reasonError.waitFor();
    expect(await reasonError.textContent()).toBe(msg('field.invalid'));
    const reasonBox = a.getByLabel(msg('decisions.eligibility.reason'), { exact: true });
    expect(await reasonBox.getAttribute('aria-invalid')).toBe('true');
    expect(await reasonBox.getAttribute('aria-describedby')).toBe(await reasonError.getAttribute('id'));
    expect(await a.locator('[role="alert"]').getAttribute('data-code')).toBe('VALIDATION_FAILED');
    for (const k of ['A', 'B', 'C']) {
      const card = bidCard('eligibility', k);
      await card.getByLabel(msg('decisions.eligibility.pass'), { exact: true }).check();
      await card.getByRole('button', { name: msg('decisions.eligibility.save') }).click();
      await card.locator('li[data-criterion="legal-status"][data-pass="true"]').waitFor();
    }
    const judged = await api(`/entity/tenders/${tender.tenderId}/evaluation`);
    for (const bid of judged.body.bids)
      expect(bid.eligibility, key(bid.bidId)).toEqual([
        { criterion: 'legal-status', pass: true, enteredBy: entity.sub },
      ]);

    // Technical scores, one criterion out of 100.
    for (const [k, points] of Object.entries({ A: 90, B: 70, C: 80 })) {
      const card = bidCard('scores', k);
      await card.getByLabel(msg('decisions.scores.criterion'), { exact: true }).fill('giai-phap');
      await card.getByLabel(msg('decisions.scores.points'), { exact: true }).fill(String(points));
      await card.getByRole('button', { name: msg('decisions.scores.save') }).click();
      await card.locator('li[data-criterion="giai-phap"]').waitFor();
    }
    const scored = await api(`/entity/tenders/${tender.tenderId}/evaluation`);
    expect(
      Object.fromEntries(scored.body.bids.map((b: any) => [key(b.bidId), b.technicalScores[0]?.points])),
    ).toEqual({ A: 90, B: 70, C: 80 });

    // Ranking: 202, then the page polls until ranked and shows the report.
    await page.getByRole('button', { name: msg('decisions.ranking.request') }).click();
    const ranking = page.locator(`#ranking table.ranking[data-lot-id="${tender.lotId}"]`);
    await ranking.waitFor({ timeout: 60_000 });
    expect(
      (
        await ranking
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bid-id')))
      ).map((id) => key(id as string)),
    ).toEqual(['A', 'C', 'B']);
    expect(await page.locator('#ranking .ranking-state').textContent()).toBe(msg('decisions.ranking.done'));
    const ranked = await api(`/entity/tenders/${tender.tenderId}/evaluation`);
    expect(ranked.body.stage).toBe('ranked');
    expect(await page.locator('#ranking .report').getAttribute('data-sha256')).toBe(
      ranked.body.report.sha256,
    );
    await saveScreenshot(page, `decisions-ranked-${lang}.png`);

    // Award to the second-ranked bid: refused without a reason, beside the reason field.
    const lot = page.locator(`#award li[data-lot-id="${tender.lotId}"]`);
    await lot.locator(`input[type="radio"][value="${bidOf('C')}"]`).check();
    expect(await lot.locator('.hint').textContent()).toBe(msg('decisions.award.reasonNeeded'));
    await lot.getByRole('button', { name: msg('decisions.award.submit') }).click();
    const awardError = lot.locator('.field-error[data-field="reason"]');
    await awardError.waitFor();
    expect(await awardError.getAttribute('data-code')).toBe('AWARD_REASON_REQUIRED');
    expect(await awardError.textContent()).toBe(msg('problem.AWARD_REASON_REQUIRED'));
    const awardReason = lot.getByLabel(msg('decisions.award.reason'), { exact: true });
    expect(await awardReason.getAttribute('aria-invalid')).toBe('true');
    expect((await awardReason.getAttribute('aria-describedby'))?.split(' ')).toContain(
      await awardError.getAttribute('id'),
    );
    expect(await page.locator('body').textContent()).not.toContain('not first');
    expect((await api(`/tenders/${tender.tenderId}/awards`)).body.items).toEqual([]);
    await expectAccessible(page, `/${lang}/workspace/tenders/:id/decisions (award refused)`);
    await saveScreenshot(page, `decisions-award-refused-${lang}.png`);
    const reason = 'Nhà thầu A không gia hạn bảo đảm dự thầu khi được yêu cầu.';
    await awardReason.fill(reason);
    await lot.getByRole('button', { name: msg('decisions.award.submit') }).click();
    await lot.locator(`dl.award[data-bid-id="${bidOf('C')}"]`).waitFor();
    const awards = await api(`/tenders/${tender.tenderId}/awards`);
    expect(awards.body.items).toHaveLength(1);
    const award = awards.body.items[0];
    expect(award).toMatchObject({
      bidId: bidOf('C'),
      rank: 2,
      reason,
      amount: '900000000',
      status: 'active',
    });
    expect(Date.parse(award.standstillEndsAt) - Date.parse(award.awardedAt)).toBeGreaterThanOrEqual(
      10 * 86_400_000,
    );

    // A petition from bidder B, filed through the API during the standstill; answered here.
    const loser = tender.bids.B?.bidder;
    const loserToken = await cloud.token(loser?.sub as string, 'contractor');
    const filed = await cloud.call('POST', `/tenders/${tender.tenderId}/complaints`, {
      token: loserToken,
      headers: await tenderMatch(cloud, tender.tenderId),
      body: {
        lotId: tender.lotId,
        text: 'Việc không chọn nhà thầu xếp hạng thứ nhất chưa được giải thích rõ.',
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await page.reload();
    const petition = page.locator(`#petitions li[data-complaint-id="${filed.body.complaintId}"]`);
    await petition.waitFor();
    expect(await petition.locator('.petition-text').textContent()).toBe(filed.body.text);
    expect(await petition.locator('.due time').getAttribute('datetime')).toBe(filed.body.answerDueBy);
    const answer = 'Lý do đã được ghi trong quyết định trúng thầu; kiến nghị không được chấp nhận.';
    await petition.getByLabel(msg('decisions.petitions.answer'), { exact: true }).fill(answer);
    await petition.getByLabel(msg('decisions.petitions.dismiss'), { exact: true }).check();
    await petition.getByRole('button', { name: msg('decisions.petitions.send') }).click();
    await page
      .locator(`#petitions li[data-complaint-id="${filed.body.complaintId}"][data-status="answered"]`)
      .waitFor();
    const complaints = await cloud.call('GET', `/tenders/${tender.tenderId}/complaints`);
    expect(complaints.body.items).toEqual([
      expect.objectContaining({
        complaintId: filed.body.complaintId,
        status: 'answered',
        upheld: false,
        answer,
      }),
    ]);
    expect(Date.parse(complaints.body.items[0].answeredAt)).toBeLessThanOrEqual(
      Date.parse(complaints.body.items[0].answerDueBy),
    );
    expect(await petition.locator('.petition-answer').textContent()).toContain(
      msg('decisions.petitions.dismissed'),
    );

    // The contract, once the standstill is over (the clock moves past it), signed a minute after.
    const signedMs = Math.ceil((Date.parse(award.standstillEndsAt) + 1000) / 60_000) * 60_000;
    await cloud.clock.set(new Date(signedMs + 120_000).toISOString());
    await page.reload();
    const contractLot = page.locator(`#contract li[data-lot-id="${tender.lotId}"]`);
    await contractLot.waitFor();
    await contractLot
      .getByLabel(msg('decisions.contract.signedAt'), { exact: true })
      .fill(hanoiInput(signedMs));
    await contractLot.locator('input[inputmode="numeric"]').fill('880000000');
    await contractLot.getByRole('button', { name: msg('decisions.contract.submit') }).click();
    await page.locator(`#contract li[data-lot-id="${tender.lotId}"][data-status="contracted"]`).waitFor();
    const contracted = (await api(`/tenders/${tender.tenderId}/awards`)).body.items[0];
    expect(contracted.status).toBe('contracted');
    expect(contracted.contract).toMatchObject({
      value: '880000000',
      currency: 'VND',
      signedAt: new Date(signedMs).toISOString(),
    });
    expect((await api(`/entity/tenders/${tender.tenderId}`)).body.status).toBe('contracted');
    // The header's status comes from the tender's own query, refetched after the contract is saved:
    // it may show the new status a moment after the lot does (a full run's failure read it first).
    await expect
      .poll(() => page.locator('.tender-status').textContent(), { timeout: 20_000 })
      .toBe(msg('decisions.tenderStatus.contracted'));
    await expectAccessible(page, `/${lang}/workspace/tenders/:id/decisions (contracted)`);
    await saveScreenshot(page, `decisions-contracted-${lang}.png`);

    // Every write named the version it acted on.
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.filter((w) => !w.ifMatch)).toEqual([]);

    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    await saveScreenshot(page, `decisions-375-${lang}.png`);

    // The inbox: the organisation heard of the petition.
    await page.setViewportSize({ width: 1280, height: 900 });
    await until(
      () => api('/me/notifications?limit=100'),
      (r) =>
        r.body.items?.some((n: any) => n.tenderId === tender.tenderId && n.type === 'complaint.filed') ===
        true,
    );
    await page.goto(`${cloud.url}/${lang}/workspace/notifications`);
    const note = page.locator(
      `li.notification[data-tender-id="${tender.tenderId}"][data-type="complaint.filed"]`,
    );
    await note.waitFor();
    expect(await note.locator('.notification-kind').textContent()).toBe(
      msg('decisions.notification.type.complaint.filed'),
    );
    expect(await note.getByRole('link').getAttribute('href')).toBe(
      `/${lang}/workspace/tenders/${tender.tenderId}/decisions`,
    );
    await expectAccessible(page, `/${lang}/workspace/notifications`);
    await saveScreenshot(page, `notifications-${lang}.png`);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSideScroll(page);
    expect(errors.filter((e) => !/40[0-9]/.test(e))).toEqual([]);
  });
});

describe('two envelopes in the decisions workspace', { timeout: 240_000 }, () => {
  it('approves the technically compliant list, refused when it is not exactly those, then shows the financial minutes', async () => {
    const msg = (id: string) => vi[id] as string;
    const t = await openTenderWith(
      cloud,
      entity,
      { envelopeProcedure: 'two-envelope', evaluation: { method: 'lowest-price' } },
      [
        { key: 'A', price: 900_000_000, twoEnvelope: true },
        { key: 'B', price: 950_000_000, twoEnvelope: true },
        { key: 'C', price: 800_000_000, twoEnvelope: true },
      ],
    );
    const id = (k: string) => t.bids[k]?.bidId as string;
    for (const k of ['A', 'B', 'C'])
      await verdict(
        cloud,
        entity.token,
        t.tenderId,
        id(k),
        'technical-specification',
        k !== 'C',
        k === 'C' ? 'không đạt yêu cầu kỹ thuật' : undefined,
      );
    const { page, writes } = await signedInPage();
    await page.goto(`${cloud.url}/vi/workspace/tenders/${t.tenderId}/decisions`);
    const approval = page.locator('#approval');
    await approval.locator('form').waitFor();
    expect(await page.locator('#minutes .minutes').getAttribute('data-phase')).toBe('technical');
    // The form starts from the bids that passed; C added by hand is refused beside the list.
    expect(await approval.locator(`input[value="${id('C')}"]`).isChecked()).toBe(false);
    await approval.locator(`input[value="${id('C')}"]`).check();
    await approval.getByRole('button', { name: msg('decisions.approval.submit') }).click();
    const refusal = approval.locator('.field-error[data-field="compliantBidIds"]');
    await refusal.waitFor();
    expect(await approval.locator('fieldset').getAttribute('aria-describedby')).toBe(
      await refusal.getAttribute('id'),
    );
    expect(await approval.locator('[role="alert"]').getAttribute('data-code')).toBe('UNPROCESSABLE');
    expect((await cloud.call('GET', `/tenders/${t.tenderId}/minutes`)).body.items).toHaveLength(1);
    await approval.locator(`input[value="${id('C')}"]`).uncheck();
    await approval.getByRole('button', { name: msg('decisions.approval.submit') }).click();
    await page.locator('#minutes .minutes[data-phase="financial"]').waitFor({ timeout: 60_000 });
    await page.locator('#approval[data-stage="financial-opened"]').waitFor();
    const evaluation = await cloud.call('GET', `/entity/tenders/${t.tenderId}/evaluation`, {
      token: entity.token,
    });
    expect(evaluation.body).toMatchObject({
      stage: 'financial-opened',
      compliantBidIds: [id('A'), id('B')].sort(),
    });
    await expect.poll(() => approval.locator('ul.approved li').count(), { timeout: 15_000 }).toBe(2);
    expect(writes.filter((w) => !w.ifMatch)).toEqual([]);
    await expectAccessible(page, '/vi/workspace/tenders/:id/decisions (two envelopes)');
    await saveScreenshot(page, 'decisions-two-envelope-vi.png');
  });
});

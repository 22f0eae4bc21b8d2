// The contractor's account pages in Chromium, in both languages, against one local cloud of its
// own (its clock moves; the law's own periods, PERIOD_ACCELERATION=1). Two contractors sign up,
// one per language, and register their companies in the page (a malformed enterprise code and a
// code already registered are refused beside the field), then edit their profiles (If-Match). Both
// bid through the bid API on one tender (one replaces its bid); "My bids" shows every version with
// its receipts verified in the page and downloadable, and a receipt altered on its way to the page
// is shown as not verified. The deadline passes (clock), the minutes appear on the tender's page;
// a third bidder wins, each contractor files a petition in the page and sees the answer the
// procuring entity gave, and finds it in its notifications. Stored state is read through the API
// after each step. axe (no serious or critical violation) and 375 px on every page.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { generateSigningKeyPair } from '../../shared/sealing/index.ts';
import { rank, tenderMatch, verdict } from '../awards/pipeline-support.ts';
import { type Bidder, bidder, submit } from '../bids/fixtures.ts';
import {
  passDeadline,
  priceForm,
  publicMinutes,
  startOwnCloud,
  storedMeta,
  until,
} from '../opening/support.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { dayMs, deadlines, type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const langs = ['vi', 'en'] as const;
type Lang = (typeof langs)[number];
const catalogues = { vi, en } as const;
const msg = (lang: Lang, id: string): string => {
  const text = catalogues[lang][id];
  if (text === undefined) throw new Error(`no message ${id} in ${lang}`);
  return text;
};

let cloud: TestCloud;
let browser: Browser;
let entity: Entity;
const takenCode = `07${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

beforeAll(async () => {
  const [opened, started] = await Promise.all([
    openBrowser(),
    startOwnCloud({ PERIOD_ACCELERATION: '1' }),
    buildPortal(),
  ]);
  browser = opened;
  cloud = started;
  entity = await procuringEntity(cloud);
  // A company already registered under the code the first attempt will reuse.
  const other = await cloud.call('POST', '/contractors', {
    token: await cloud.token(`contractor-${crypto.randomUUID()}`, 'contractor'),
    body: {
      name: 'Công ty CP Đã Đăng Ký',
      enterpriseCode: takenCode,
      address: { street: '1 Hàng Bài', province: 'Hà Nội' },
      contacts: [{ name: 'Trần Văn B', email: 'b@example.vn' }],
      representatives: [{ name: 'Trần Văn B', title: 'Giám đốc' }],
    },
  });
  expect(other.status, JSON.stringify(other.body)).toBe(201);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

/** axe at full width, then no sideways scrolling at 375 px. */
async function checkPage(page: Page, route: string, shot: string): Promise<void> {
  await expectAccessible(page, route);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await saveScreenshot(page, `${shot}.png`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

interface Account {
  readonly lang: Lang;
  readonly sub: string;
  readonly token: string;
  page: Page;
  errors: string[];
  writes: { method: string; path: string; ifMatch: string | undefined }[];
  contractorId?: string;
  bidder?: Bidder;
  bidIds: string[];
}
const accounts: Account[] = [];
let tender: { tenderId: string; lotId: string; submissionDeadline: string };
let published: Awaited<ReturnType<typeof publishedTender>>;

async function signedIn(lang: Lang): Promise<Account> {
  const sub = `contractor-${crypto.randomUUID()}`;
  const token = await cloud.token(sub, 'contractor');
  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, token);
  const account: Account = { lang, sub, token, page, errors, writes: [], bidIds: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['PATCH', 'POST'].includes(request.method()) && url.origin === cloud.url)
      account.writes.push({
        method: request.method(),
        path: url.pathname,
        ifMatch: request.headers()['if-match'],
      });
  });
  return account;
}

const me = (a: Account, path: string) => cloud.call('GET', path, { token: a.token });

describe('the contractor account', { timeout: 300_000 }, () => {
  it('registers the company (a bad and a taken code refused beside the field) and edits the profile', async () => {
    for (const lang of langs) {
      const a = await signedIn(lang);
      accounts.push(a);
      const { page } = a;
      const m = (id: string) => msg(lang, id);
      await page.goto(`${cloud.url}/${lang}/contractor`);
      await page.getByRole('heading', { name: m('account.register.title') }).waitFor();
      expect((await me(a, '/me/contractor')).status).toBe(404);
      await checkPage(page, `/${lang}/contractor (registration)`, `account-register-${lang}`);

      const name = lang === 'vi' ? 'Công ty TNHH Xây dựng Sông Hồng' : 'Red River Construction Co.';
      await page.getByLabel(m('account.company.name'), { exact: true }).fill(name);
      const code = page.getByLabel(m('account.company.enterpriseCode'), { exact: true });
      await code.fill('01234');
      await page.getByLabel(m('account.company.street'), { exact: true }).fill('12 Tràng Tiền');
      await page.getByLabel(m('account.company.province'), { exact: true }).fill('Hà Nội');
      await page.getByLabel(m('account.company.representativeName'), { exact: true }).fill('Phạm Thị Hoa');
      await page.getByLabel(m('account.company.representativeTitle'), { exact: true }).fill('Giám đốc');
      await page.getByLabel(m('account.company.contactName'), { exact: true }).fill('Lê Văn Minh');
      await page.getByLabel(m('account.company.contactEmail'), { exact: true }).fill('minh@songhong.vn');
      const submit = page.getByRole('button', { name: m('account.register.submit') });

      // The API's own rule, checked before sending: nothing is posted.
      await submit.click();
      const codeError = page.locator('#company-enterpriseCode-error');
      await codeError.waitFor();
      expect(await codeError.textContent()).toBe(m('account.company.enterpriseCodeInvalid'));
      expect(await code.getAttribute('aria-invalid')).toBe('true');
      expect(a.writes).toEqual([]);

      // A code already registered: the API's conflict names the field; said beside it.
      await code.fill(takenCode);
      await submit.click();
      await page.locator('#company-enterpriseCode-error[data-code="CONFLICT"]').waitFor();
      expect(await codeError.textContent()).toBe(m('account.company.enterpriseCodeTaken'));
      expect(await code.getAttribute('aria-describedby')).toContain('company-enterpriseCode-error');
      expect(await page.locator('[role="alert"]').textContent()).toBe(
        m('account.company.enterpriseCodeTaken'),
      );
      expect((await me(a, '/me/contractor')).status).toBe(404);
      await expectAccessible(page, `/${lang}/contractor (code taken)`);

      const ownCode = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}-001`;
      await code.fill(ownCode);
      await submit.click();
      const company = page.locator('section.company');
      await company.waitFor();
      expect(await company.locator('h2').textContent()).toBe(name);
      expect(await company.locator('.contractor-status').getAttribute('data-status')).toBe('active');
      const stored = (await me(a, '/me/contractor')).body;
      expect(stored).toMatchObject({
        name,
        enterpriseCode: ownCode,
        status: 'active',
        version: 1,
        contacts: [{ name: 'Lê Văn Minh', email: 'minh@songhong.vn' }],
        representatives: [{ name: 'Phạm Thị Hoa', title: 'Giám đốc' }],
      });
      a.contractorId = stored.contractorId;
      expect(await page.locator('#account-link-bids').getAttribute('href')).toBe(`/${lang}/contractor/bids`);
      expect(await page.locator('#account-link-keys').getAttribute('href')).toBe(`/${lang}/contractor/keys`);
      await checkPage(page, `/${lang}/contractor`, `account-dashboard-${lang}`);

      // The profile: a second contact, another title for the representative.
      await page.locator('#account-link-profile').click();
      await page.getByRole('heading', { name: m('account.profile.title') }).waitFor();
      await page.getByRole('button', { name: m('account.company.addContact') }).click();
      await page.locator('#company-contacts-1-name').fill('Nguyễn Thu Hà');
      await page.locator('#company-contacts-1-email').fill('ha@songhong.vn');
      await page.locator('#company-contacts-1-phone').fill('+84 24 3825 1234');
      await page.locator('#company-representatives-0-title').fill('Tổng giám đốc');
      await page.getByRole('button', { name: m('account.profile.save') }).click();
      await page.locator('#profile-saved').waitFor();
      const edited = (await me(a, '/me/contractor')).body;
      expect(edited).toMatchObject({
        version: 2,
        enterpriseCode: ownCode,
        representatives: [{ name: 'Phạm Thị Hoa', title: 'Tổng giám đốc' }],
        contacts: [
          { name: 'Lê Văn Minh', email: 'minh@songhong.vn' },
          { name: 'Nguyễn Thu Hà', email: 'ha@songhong.vn', phone: '+84 24 3825 1234' },
        ],
      });
      expect(a.writes.find((w) => w.method === 'PATCH')).toEqual({
        method: 'PATCH',
        path: `/contractors/${a.contractorId}`,
        ifMatch: '"1"',
      });
      await checkPage(page, `/${lang}/contractor/profile`, `account-profile-${lang}`);
    }
  });

  it('lists every bid version with its receipts verified, downloadable, and a tampered one not verified', async () => {
    published = await publishedTender(cloud, entity, {
      ...deadlines(30 * dayMs),
      lots: [{ title: 'Lô 1', estimatedValue: 2_000_000_000, bidSecurityAmount: 30_000_000 }],
    });
    tender = {
      tenderId: published.tenderId,
      lotId: published.lots[0].lotId,
      submissionDeadline: published.submissionDeadline,
    };
    for (const a of accounts) {
      // The signing key is the bidding pages' part; here it is registered through the API.
      const key = await generateSigningKeyPair();
      const added = await cloud.call('POST', `/contractors/${a.contractorId}/signing-keys`, {
        token: a.token,
        body: { publicKeyJwk: key.publicKeyJwk },
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      a.bidder = { sub: a.sub, token: a.token, contractorId: a.contractorId as string, key };
      const first = await submit(cloud, a.bidder, published, tender.lotId, priceForm(1_900_000_000));
      expect(first.response.status, JSON.stringify(first.response.body)).toBe(201);
      a.bidIds.push(first.response.body.bid.bidId);
    }
    // The first contractor replaces its bid: two versions.
    const [viAccount] = accounts as [Account, Account];
    const replaced = await submit(
      cloud,
      viAccount.bidder as Bidder,
      published,
      tender.lotId,
      priceForm(1_850_000_000),
      { replaces: viAccount.bidIds[0] },
    );
    expect(replaced.response.status, JSON.stringify(replaced.response.body)).toBe(201);
    viAccount.bidIds.push(replaced.response.body.bid.bidId);

    for (const a of accounts) {
      const { page, lang } = a;
      const m = (id: string) => msg(lang, id);
      const stored = (await me(a, `/me/bids?tenderId=${tender.tenderId}`)).body.items as any[];
      expect(stored.map((b) => b.bidId).sort()).toEqual([...a.bidIds].sort());
      await page.goto(`${cloud.url}/${lang}/contractor/bids`);
      const section = page.locator(`section.tender-bids[data-tender-id="${tender.tenderId}"]`);
      await expect
        .poll(() => section.locator('li.receipt[data-verified="verified"]').count(), { timeout: 20_000 })
        .toBe(a.bidIds.length);
      expect(await section.locator('li.bid-version').count()).toBe(a.bidIds.length);
      expect(await section.locator('.bid-link').getAttribute('href')).toBe(
        `/${lang}/contractor/tenders/${tender.tenderId}/bid`,
      );
      const last = a.bidIds.at(-1) as string;
      expect(await section.locator(`li.bid-version[data-bid-id="${last}"]`).getAttribute('data-status')).toBe(
        'active',
      );
      if (a.bidIds.length > 1) {
        expect(
          await section.locator(`li.bid-version[data-bid-id="${a.bidIds[0]}"]`).getAttribute('data-status'),
        ).toBe('superseded');
        expect(
          await section
            .locator(`li.bid-version[data-bid-id="${last}"] li.receipt`)
            .getAttribute('data-action'),
        ).toBe('bid.replaced');
      }
      expect(await section.locator('.receipt-check.verified').first().textContent()).toContain(
        m('account.receipt.verified').split('{')[0] as string,
      );

      // The receipt as a file: exactly what the API signed.
      const receiptOf = stored.find((b) => b.bidId === last).receipt;
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.locator(`li.bid-version[data-bid-id="${last}"] .receipt-download`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`receipt-${last}-${receiptOf.action.replace('.', '-')}.json`);
      expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toEqual(receiptOf);
      await checkPage(page, `/${lang}/contractor/bids`, `account-bids-${lang}`);
    }

    // A receipt altered between the API and the page (its time moved a second): the page's own
    // check finds the signature no longer matches. The API's real answer, one field changed.
    const { page, lang } = viAccount;
    await page.route('**/me/bids?**', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const bid of body.items)
        if (bid.bidId === viAccount.bidIds[0])
          bid.receipt.receivedAt = new Date(Date.parse(bid.receipt.receivedAt) + 1000).toISOString();
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    const tampered = page.locator(`li.bid-version[data-bid-id="${viAccount.bidIds[0]}"] li.receipt`);
    await page.locator('li.receipt[data-verified="not-verified"]').waitFor({ timeout: 20_000 });
    expect(await tampered.getAttribute('data-verified')).toBe('not-verified');
    expect(await tampered.locator('.receipt-check').textContent()).toBe(
      msg(lang, 'account.receipt.notVerified').replace(
        '{reason}',
        msg(lang, 'account.receipt.failure.bad-signature'),
      ),
    );
    await expect
      .poll(() =>
        page
          .locator(`li.bid-version[data-bid-id="${viAccount.bidIds[1]}"] li.receipt`)
          .getAttribute('data-verified'),
      )
      .toBe('verified');
    await saveScreenshot(page, 'account-bids-tampered-vi.png');
    await page.unroute('**/me/bids?**');
  });

  it('asks a clarification question from the tender page, before its deadline, and shows the answer', async () => {
    for (const a of accounts) {
      const { page, lang } = a;
      // From the public tender page, the signed-in contractor's way to its own tender page.
      await page.goto(`${cloud.url}/${lang}/tenders/${tender.tenderId}`);
      await page.locator('nav.for-bidders a.follow-link').click();
      await page.waitForURL((url) => url.pathname === `/${lang}/contractor/tenders/${tender.tenderId}`);
      const section = page.locator('section#questions');
      // An empty question is refused beside its field, and nothing is stored.
      await section.getByRole('button', { name: msg(lang, 'account.questions.submit') }).click();
      await section.locator('.field-error[data-field="question"]').waitFor();
      expect((await me(a, `/me/questions?tenderId=${tender.tenderId}`)).body.items).toEqual([]);
      const text = `Câu hỏi ${lang}: thời gian bảo hành tối thiểu là bao lâu?`;
      await section.getByLabel(msg(lang, 'account.questions.text'), { exact: true }).fill(text);
      await section.getByRole('button', { name: msg(lang, 'account.questions.submit') }).click();
      await section.locator('li.question[data-status="open"]').waitFor();
      const stored = (await me(a, `/me/questions?tenderId=${tender.tenderId}`)).body.items as any[];
      expect(stored.map((q) => [q.question, q.status])).toEqual([[text, 'open']]);
      const answered = await cloud.call(
        'POST',
        `/tenders/${tender.tenderId}/questions/${stored[0].questionId}/answer`,
        { token: entity.token, body: { answer: `Trả lời ${lang}: 24 tháng.` } },
      );
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      await page.reload();
      const answer = section.locator(`li.question[data-question-id="${stored[0].questionId}"] .answer-text`);
      await answer.waitFor();
      expect(await answer.textContent()).toBe(`Trả lời ${lang}: 24 tháng.`);
      await expectAccessible(page, `/${lang}/contractor/tenders/:id (questions)`);
    }
  });

  it('shows the minutes after the opening, takes a petition in the window and shows its answer', async () => {
    // A third bidder, cheapest, wins the lot.
    const winner = await bidder(cloud);
    const won = await submit(cloud, winner, published, tender.lotId, priceForm(1_700_000_000));
    expect(won.response.status, JSON.stringify(won.response.body)).toBe(201);
    await passDeadline(cloud, tender);
    const minutes = await publicMinutes(cloud, tender.tenderId);
    await until(
      () => storedMeta(tender.tenderId),
      (s) => s.status === 'evaluating',
    );
    const active = [won.response.body.bid.bidId, ...accounts.map((a) => a.bidIds.at(-1) as string)];
    expect(minutes.items[0].document.minutes.bids.map((b: any) => b.bidId).sort()).toEqual(
      [...active].sort(),
    );

    for (const a of accounts) {
      const { page, lang } = a;
      await page.goto(`${cloud.url}/${lang}/contractor/bids`);
      const link = page.locator(`section.tender-bids[data-tender-id="${tender.tenderId}"] .outcome-link`);
      await link.click();
      const rows = page.locator('#minutes .minutes[data-phase="single"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
      expect(
        await page.locator(`#minutes tr[data-bid-id="${a.bidIds.at(-1)}"] .money`).textContent(),
      ).toMatch(/^1\.(900|850)\.000\.000\u00a0₫$/);
      await page.locator('#results').getByText(msg(lang, 'account.results.none'), { exact: true }).waitFor();
      await checkPage(page, `/${lang}/contractor/tenders/:id (minutes)`, `account-minutes-${lang}`);
    }

    // The entity evaluates and awards the cheapest bid through the API.
    for (const bidId of active)
      await verdict(cloud, entity.token, tender.tenderId, bidId, 'legal-status', true);
    await rank(cloud, entity.token, tender.tenderId);
    const award = await cloud.call('POST', `/tenders/${tender.tenderId}/lots/${tender.lotId}/award`, {
      token: entity.token,
      headers: await tenderMatch(cloud, tender.tenderId),
      body: { bidId: won.response.body.bid.bidId },
    });
    expect(award.status, JSON.stringify(award.body)).toBeLessThan(300);

    for (const a of accounts) {
      const { page, lang } = a;
      const m = (id: string) => msg(lang, id);
      await page.reload();
      const lot = page.locator(`#results li.lot-result[data-lot-id="${tender.lotId}"]`);
      await lot.locator('form.petition-form').waitFor({ timeout: 20_000 });
      expect(await lot.getAttribute('data-mine')).toBe('false');
      const awards = (await cloud.call('GET', `/tenders/${tender.tenderId}/awards`)).body.items;
      expect(await lot.locator('.petition-form .hint time').getAttribute('datetime')).toBe(
        awards[0].standstillEndsAt,
      );
      const text =
        lang === 'vi'
          ? 'Đề nghị làm rõ việc đánh giá năng lực của nhà thầu trúng thầu.'
          : 'Please explain how the winner was found qualified.';
      await lot.getByLabel(m('account.petition.text'), { exact: true }).fill(text);
      await lot.getByRole('button', { name: m('account.petition.submit') }).click();
      await lot.locator('li.petition[data-status="pending"]').waitFor();
      const filed = (await cloud.call('GET', `/tenders/${tender.tenderId}/complaints`)).body.items.find(
        (c: any) => c.contractorId === a.contractorId,
      );
      expect(filed).toMatchObject({ lotId: tender.lotId, text, status: 'pending' });
      expect(a.writes.filter((w) => w.path.endsWith('/complaints')).map((w) => w.ifMatch)).toEqual([
        expect.stringMatching(/^"\d+"$/),
      ]);

      // The procuring entity answers; the petitioner sees it.
      const answer =
        lang === 'vi' ? 'Nhà thầu trúng thầu đáp ứng đủ năng lực.' : 'The winner meets every criterion.';
      const answered = await cloud.call(
        'POST',
        `/tenders/${tender.tenderId}/complaints/${filed.complaintId}/answer`,
        {
          token: entity.token,
          headers: await tenderMatch(cloud, tender.tenderId),
          body: { answer, upheld: false },
        },
      );
      expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
      await page.reload();
      const mine = lot.locator(
        `li.petition[data-complaint-id="${filed.complaintId}"][data-status="answered"]`,
      );
      await mine.waitFor({ timeout: 20_000 });
      expect(await mine.locator('.answer').textContent()).toBe(answer);
      expect(await mine.locator('.petition-answer strong').textContent()).toBe(
        m('account.petition.dismissed'),
      );
      await checkPage(
        page,
        `/${lang}/contractor/tenders/:id (petition answered)`,
        `account-petition-${lang}`,
      );

      // The notifications: the answer reached the petitioner (every bidder hears of each answer).
      await until(
        () => me(a, '/me/notifications?limit=50'),
        (r) =>
          r.body.items?.some((n: any) => n.type === 'complaint.answered' && n.tenderId === tender.tenderId),
      );
      await page.goto(`${cloud.url}/${lang}/contractor/notifications`);
      const note = page
        .locator(`li.notification[data-type="complaint.answered"][data-tender-id="${tender.tenderId}"]`)
        .first();
      await note.waitFor();
      expect(await note.locator('.notification-kind').textContent()).toBe(
        m('account.notification.type.complaint.answered'),
      );
      expect(await note.getByRole('link').getAttribute('href')).toBe(
        `/${lang}/contractor/tenders/${tender.tenderId}`,
      );
      await checkPage(page, `/${lang}/contractor/notifications`, `account-notifications-${lang}`);
      expect(a.errors.filter((e) => !/40[0-9]/.test(e))).toEqual([]);
    }
  });
});

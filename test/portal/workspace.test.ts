// The procuring entity's workspace in Chromium against a local test cloud at the law's own periods
// (PERIOD_ACCELERATION=1), in both languages: draft through the form built from GET /procedures,
// a refused field shown beside itself (the rule's translated message, never the server's
// English), publish after the confirmation, a document uploaded straight to S3 (progress, SHA-256),
// an amendment whose automatic extension is shown before confirming (the clock moved, not waited
// for), and an answer to a contractor's question; then what the API stores. The same flow again by
// keyboard alone; axe on every workspace route; 375 px. Screenshots with
// EPROC_SCREENSHOTS=1 (test/support/screenshots.ts).
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';
import { toHanoiText } from '../../portal/src/workspace/time.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { expectAccessible } from '../support/accessibility.ts';
import { type Browser, openBrowser } from '../support/browser.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { dayMs, type Entity, procuringEntity, registeredContractor } from '../tenders/fixtures.ts';
import { en, vi } from './catalogue-files.ts';

const catalogues = { vi, en } as const;

let cloud: TestCloud;
let browser: Browser;
let entity: Entity;
let contractor: { token: string };

beforeAll(async () => {
  const [opened, started] = await Promise.all([
    openBrowser(),
    startTestCloud({ PERIOD_ACCELERATION: '1' }),
    buildPortal(),
  ]);
  browser = opened;
  cloud = started;
  entity = await procuringEntity(cloud);
  contractor = await registeredContractor(cloud);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

/** A page signed in as the entity: the session the sign-in page would write, in sessionStorage. */
async function signedInPage() {
  const opened = await browser.page();
  const idToken = await cloud.token(entity.sub, 'procuring-entity', entity.organisationId);
  await opened.page.addInitScript((token) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken: token }));
  }, idToken);
  return opened;
}

async function expectNoSideScroll(page: Page, route: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, route).toBeLessThanOrEqual(375);
}

const hanoiDay = (instant: string) => toHanoiText(instant).slice(0, 10);
const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), text);

/** Presses Tab until the element matching `selector` has the focus (the keyboard run's only way to move). */
async function tabTo(page: Page, selector: string, shift = false): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

interface Driver {
  /** Activates a link or button (click, or Enter/Space from the keyboard). */
  press(selector: string): Promise<void>;
  /** Replaces a field's text. */
  type(selector: string, text: string): Promise<void>;
}

const mouse = (page: Page): Driver => ({
  press: (selector) => page.locator(selector).click(),
  type: (selector, text) => page.locator(selector).fill(text),
});

const keyboard = (page: Page): Driver => ({
  async press(selector) {
    await tabTo(page, selector);
    const tag = await page.evaluate(() => document.activeElement?.tagName);
    await page.keyboard.press(tag === 'BUTTON' ? 'Space' : 'Enter');
  },
  async type(selector, text) {
    await tabTo(page, selector);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  },
});

async function runFlow(lang: 'vi' | 'en', how: 'mouse' | 'keyboard') {
  const t = catalogues[lang];
  const { page, errors } = await signedInPage();
  const drive = how === 'mouse' ? mouse(page) : keyboard(page);
  const shot = (name: string) => saveScreenshot(page, `ws-${name}-${how}-${lang}.png`);
  const title = `Cải tạo trường THCS ${how} ${lang} ${crypto.randomUUID().slice(0, 6)}`;

  // The dashboard, then a new draft.
  await page.goto(`${cloud.url}/${lang}/workspace`);
  await page.locator('#ws-new-draft').waitFor();
  expect(await page.locator('h1').textContent()).toBe(t['ws.dashboard.title']);
  expect(await page.locator('.site-header nav').first().textContent()).toContain(t['ws.nav']);
  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace`);
    await shot('dashboard');
  }
  await drive.press('#ws-new-draft');
  await page.waitForURL((url) => url.pathname === `/${lang}/workspace/tenders/new`);
  await page.locator('#f-title').waitFor();
  if (how === 'mouse') await expectAccessible(page, `/${lang}/workspace/tenders/new`);

  const submission = toHanoiText(clock.nowMs() + 30 * dayMs);
  const questions = toHanoiText(clock.nowMs() + 20 * dayMs);
  await drive.type('#f-title', title);
  await drive.type('#f-description', 'Sửa chữa, cải tạo khối lớp học');
  await drive.type('#f-lots-0-title', 'Khối A');
  await drive.type('#f-lots-0-estimatedValue', '45.000.000.000');
  // 10 % bid security: the open procedure allows 1.5-3 % of a goods package this size (over 10 bn, not small).
  await drive.type('#f-lots-0-bidSecurityAmount', '4500000000');
  await drive.type('#f-submissionDeadline', submission);
  await drive.type('#f-questionsDeadline', questions);
  // The hint shows the procedure's range in VND for this estimate, before anything is sent.
  const hint = (await page.locator('#hint-lots-0-bidSecurityAmount').textContent()) ?? '';
  expect(hint).toContain('675.000.000');
  expect(hint).toContain('1.350.000.000');
  await drive.press('.ws-form button[type="submit"]');

  // Refused: the server's rule, translated, beside the field it names.
  const message = page.locator('#field-error-lots-0-bidSecurityAmount');
  await message.waitFor();
  expect(await message.getAttribute('data-rule')).toBe('bid-security-max');
  expect(await message.textContent()).toBe(
    fill(t['ws.rule.bid-security-max'] as string, { limit: 3, value: 10 }),
  );
  const input = page.locator('#f-lots-0-bidSecurityAmount');
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect(await input.getAttribute('aria-describedby')).toContain('field-error-lots-0-bidSecurityAmount');
  expect(await page.locator('body').textContent()).not.toContain("of the lot's estimated value");
  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace/tenders/new (refused)`);
    await shot('refused');
  }
  await drive.type('#f-lots-0-bidSecurityAmount', '900.000.000');
  await drive.press('.ws-form button[type="submit"]');
  await page.waitForURL((url) => /\/workspace\/tenders\/[0-9A-Z]+$/.test(url.pathname));
  const tenderId = new URL(page.url()).pathname.split('/').pop() as string;
  const article = page.locator(`article[data-tender-id="${tenderId}"]`);
  await article.waitFor();
  expect(await article.getAttribute('data-status')).toBe('draft');

  // What the API stored: integer VND, the deadlines as the UTC instants of the Hanoi times typed.
  const draft = await cloud.call('GET', `/entity/tenders/${tenderId}`, { token: entity.token });
  expect(draft.body.lots[0]).toMatchObject({
    estimatedValue: 45_000_000_000,
    bidSecurityAmount: 900_000_000,
  });
  expect(toHanoiText(draft.body.submissionDeadline)).toBe(submission);
  expect(toHanoiText(draft.body.questionsDeadline)).toBe(questions);

  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace/tenders/:id (draft)`);
    await page.goto(`${cloud.url}/${lang}/workspace/tenders/${tenderId}/edit`);
    await page.locator('#f-title').waitFor();
    expect(await page.locator('#f-title').inputValue()).toBe(title);
    await expectAccessible(page, `/${lang}/workspace/tenders/:id/edit`);
    await expectNoSideScroll(page, `/${lang}/workspace/tenders/:id/edit`);
    await shot('edit-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${cloud.url}/${lang}/workspace/tenders/${tenderId}`);
    await article.waitFor();
  }

  // Publish, after the confirmation listing what becomes public.
  await drive.press('#ws-publish > button');
  const dialog = page.locator('#ws-publish-dialog');
  await dialog.waitFor({ state: 'visible' });
  const shown = (await dialog.textContent()) ?? '';
  expect(shown).toContain(title);
  expect(shown).toContain('45.000.000.000');
  expect(shown).toContain(t['ws.publish.item.sealed']);
  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace/tenders/:id (publish dialog)`);
    await shot('publish-dialog');
  }
  await drive.press('#ws-publish-dialog .actions button:first-child');
  await page.locator(`article[data-tender-id="${tenderId}"][data-status="published"]`).waitFor();

  // A document, straight to S3: its SHA-256 shown before the upload, progress to 100 %.
  const bytes = Buffer.from(`Hồ sơ mời thầu ${title}\n`.repeat(2000));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await page.setInputFiles('#ws-document-file', {
    name: 'ho-so-moi-thau.pdf',
    mimeType: 'application/pdf',
    buffer: bytes,
  });
  await page.locator('#ws-upload-sha256', { hasText: sha256 }).waitFor();
  await drive.press('#ws-documents form button[type="submit"]');
  await page.locator('#ws-documents .ws-done').waitFor();
  expect(await page.locator('#ws-upload-progress').getAttribute('value')).toBe('100');
  await page.locator(`#ws-documents li .sha256`, { hasText: sha256 }).waitFor();

  // A contractor asks (through the API), before the questions deadline.
  const asked = await cloud.call('POST', `/tenders/${tenderId}/questions`, {
    token: contractor.token,
    body: { question: `Có cho phép nhà thầu phụ không? (${lang})` },
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);

  // 25 days later 5 remain: an amendment must move closing to 10 days after it. The browser's
  // clock is set to the cloud's, so the preview and the API decide at the same moment.
  await cloud.clock.advance(25 * dayMs);
  await page.clock.setFixedTime(new Date(clock.nowMs()));
  await page.reload();
  await page.locator('#f-note').waitFor();
  await drive.type('#f-changes-description', 'Sửa chữa, cải tạo khối lớp học; bổ sung hạng mục PCCC');
  await drive.type('#f-note', 'Bổ sung hạng mục phòng cháy chữa cháy');
  await drive.press('#ws-amend form button[type="submit"]');
  const amendDialog = page.locator('#ws-amend-dialog');
  await amendDialog.waitFor({ state: 'visible' });
  const preview = page.locator('#ws-amend-extension');
  expect(await preview.getAttribute('data-none')).toBeNull();
  const expectedTo = new Date(clock.nowMs() + 10 * dayMs).toISOString();
  expect(await preview.textContent()).toContain(hanoiDay(expectedTo));
  expect(await preview.textContent()).toContain(hanoiDay(draft.body.submissionDeadline));
  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace/tenders/:id (amend dialog)`);
    await shot('amend-dialog');
  }
  await drive.press('#ws-amend-dialog .actions button:first-child');
  await page.locator('#ws-amend-result').waitFor();
  const stored = await cloud.call('GET', `/tenders/${tenderId}`);
  const revision = stored.body.revisions.at(-1);
  expect(revision).toMatchObject({ kind: 'amendment', note: 'Bổ sung hạng mục phòng cháy chữa cháy' });
  expect(revision.deadlineExtended).toMatchObject({ rule: 'amendment-period', limit: 10, unit: 'days' });
  expect(revision.deadlineExtended.from).toBe(draft.body.submissionDeadline);
  expect(stored.body.submissionDeadline).toBe(revision.deadlineExtended.to);
  expect(hanoiDay(stored.body.submissionDeadline)).toBe(hanoiDay(expectedTo));
  expect(await page.locator('#ws-amend-result').textContent()).toContain(
    hanoiDay(stored.body.submissionDeadline),
  );

  // The question, answered in the browser.
  const question = page.locator(`[data-question-id="${asked.body.questionId}"]`);
  await question.waitFor();
  await drive.type(`#f-answer-${asked.body.questionId}`, 'Có, tối đa 30% giá trị gói thầu.');
  await drive.press(`[data-question-id="${asked.body.questionId}"] button[type="submit"]`);
  await question.locator('.answer').waitFor();
  const answers = await cloud.call('GET', `/tenders/${tenderId}/questions`);
  expect(answers.body.items.find((q: any) => q.questionId === asked.body.questionId)).toMatchObject({
    status: 'answered',
    answer: 'Có, tối đa 30% giá trị gói thầu.',
  });
  // Published, one document with the SHA-256 uploaded, revisions: publication, document, amendment.
  expect(stored.body.status).toBe('published');
  expect(stored.body.documents.map((d: any) => d.sha256)).toEqual([sha256]);
  expect(stored.body.revisions.map((r: any) => r.kind)).toEqual(['publication', 'document', 'amendment']);

  if (how === 'mouse') {
    await expectAccessible(page, `/${lang}/workspace/tenders/:id (published)`);
    await shot('tender');
    await expectNoSideScroll(page, `/${lang}/workspace/tenders/:id`);
    await shot('tender-375');
    await page.goto(`${cloud.url}/${lang}/workspace`);
    await page.locator(`#ws-deadlines li[data-tender-id="${tenderId}"]`).waitFor();
    await expectNoSideScroll(page, `/${lang}/workspace`);
    await shot('dashboard-375');
  } else {
    await shot('tender');
  }
  expect(errors.filter((e) => !/\b(422|412)\b/.test(e))).toEqual([]);
}

describe.each(['vi', 'en'] as const)('the procuring entity workspace in %s', { timeout: 240_000 }, (lang) => {
  it('drafts, fixes a refused field, publishes, uploads, amends and answers, by mouse', async () => {
    await runFlow(lang, 'mouse');
  });

  it('asks for sign-in without a session, with a link to the sign-in page', async () => {
    const t = catalogues[lang];
    const { page } = await browser.page();
    await page.goto(`${cloud.url}/${lang}/workspace/tenders/new`);
    await page.locator('#sign-in-heading').waitFor();
    expect(await page.locator('#sign-in-heading').textContent()).toBe(t['ws.signIn.title']);
    expect(
      await page.getByRole('main').getByRole('link', { name: t['ws.signIn.link'] }).getAttribute('href'),
    ).toBe(`/${lang}/sign-in`);
    expect(await page.locator('.site-header nav').first().textContent()).not.toContain(t['ws.nav']);
    await expectAccessible(page, `/${lang}/workspace (signed out)`);
  });
});

describe('the procuring entity workspace by keyboard alone', { timeout: 240_000 }, () => {
  it('completes the same flow with Tab, Enter and Space', async () => {
    await runFlow('vi', 'keyboard');
  });
});

// Pictures of the portal's pages for people to look at, in test/portal/screenshots/ (git-ignored;
// those the README shows are copied to docs/screenshots/). Taken only when EPROC_SCREENSHOTS=1
// (`npm run test:screenshots`): a full-page PNG costs Chromium 0.2–2 s of CPU, and the browser
// tests took about a hundred of them on every `npm test` (a tenth of their time) for files no
// test reads. What the tests check never depends on one being taken.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const screenshotsWanted = process.env.EPROC_SCREENSHOTS === '1';
const screenshotDir = join(import.meta.dirname, '..', 'portal', 'screenshots');

/**
 * Saves the page as `<name>` in the screenshots folder: the whole page unless `fullPage: false`,
 * scrolled first so that `scrollTo` is at the top (a viewport picture of what a step is about).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; scrollTo?: Locator } = {},
): Promise<void> {
  if (!screenshotsWanted) return;
  await options.scrollTo?.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, name), fullPage: options.fullPage ?? true });
}

// Debian's Chromium through playwright-core for the web benchmark: one browser, and a fresh
// context (empty cache, no storage) for every page load measured.
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumMissingLine, chromiumPath } from '../../test/support/chromium-prerequisite.ts';

export interface BenchBrowser {
  freshPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function openBenchBrowser(): Promise<BenchBrowser> {
  const missing = chromiumMissingLine();
  if (missing) throw new Error(missing);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  return {
    async freshPage() {
      const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
      return { context, page: await context.newPage() };
    },
    close: () => browser.close(),
  };
}

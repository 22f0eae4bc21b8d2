// Debian's Chromium driven by playwright-core, for the web tests: a fresh, empty profile each time
// (no keys or tokens left from an earlier run), and every error the page logs collected, so a
// test can require a clean console (a Content-Security-Policy refusal shows up there too).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumMissingLine, chromiumPath } from './chromium-prerequisite.ts';

export { chromiumPath };

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  /** Opens a page that records its console errors and uncaught exceptions into `errors`. */
  page(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const missing = chromiumMissingLine();
  if (missing) throw new Error(missing);
  const userDataDir = mkdtempSync(join(tmpdir(), 'eproc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args,
    acceptDownloads: true,
    locale: 'vi-VN',
    // Not Hanoi on purpose: the pages must show Hanoi time whatever the machine's zone.
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async page() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
      });
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium driven by playwright-core, for the web tests: a fresh, empty context each time
// (no keys or tokens left from an earlier file), and every error the page logs collected, so a
// test can require a clean console (a Content-Security-Policy refusal shows up there too).
// One Chromium per test process serves the files it runs one after another, each in a context of
// its own, as incognito windows are: starting Chromium cost each browser file a second of CPU.
import { type BrowserContext, chromium, type Page, type Browser as PlaywrightBrowser } from 'playwright-core';
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

const sharedChromium = Symbol.for('eproc.test.chromium');
type WithChromium = typeof globalThis & { [sharedChromium]?: Promise<PlaywrightBrowser> };

/** This process's Chromium, started on first use (or again if it went away). */
async function processChromium(): Promise<PlaywrightBrowser> {
  // On globalThis: a file that resets the module registry must not start a second one.
  const holder = globalThis as WithChromium;
  const running = holder[sharedChromium];
  if (running) {
    const browser = await running.catch(() => undefined);
    if (browser?.isConnected()) return browser;
  }
  const launched = chromium.launch({ executablePath: chromiumPath, headless: true, args });
  holder[sharedChromium] = launched;
  return launched;
}

export async function openBrowser(): Promise<Browser> {
  const missing = chromiumMissingLine();
  if (missing) throw new Error(missing);
  const context = await (await processChromium()).newContext({
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
    },
  };
}

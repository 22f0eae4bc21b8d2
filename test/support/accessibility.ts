// The portal's accessibility bar, the same on every page the browser tests visit: axe-core finds
// no serious or critical violation of WCAG 2.1 A and AA. One definition, so that no page is held
// to a lower bar because its test file kept an older copy.
//
// Legacy mode: axe runs whole in the page (axe.run) instead of a partial run per frame finished in a
// blank page that AxeBuilder opens for every check (a renderer process and a second injection of
// axe each time). Its one loss, cross-origin iframes, cannot apply: the portal has no frames, and
// its Content-Security-Policy (default-src 'self') could load none from another origin. Same
// rules, same results, half the time.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function expectAccessible(page: Page, route: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${route}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

// The portal in Chromium against a local cloud holding 1,000 published tenders: per route, the
// JavaScript the page loads (its built files, KB gzip; target ≤ 150 KB for the public pages), and
// the time from navigation until the tender list shows its first rows (median of several cold
// loads: a fresh browser context each, so no cached files).
// Usage: npm run bench -- web   (BENCH_TENDERS, BENCH_RUNS to change the sizes)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { buildPortal, portalDist } from '../portal/build.ts';
import { percentile, progress, report, round } from './report.ts';
import { openBenchBrowser } from './support/bench-browser.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const tenders = Number(process.env.BENCH_TENDERS ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const seedConcurrency = 16;
const publicTargetKb = 150;
const rowSelector = 'li[data-tender-id]';

const built = await buildPortal();
progress(`portal ${built.built ? 'built' : 'up to date'} (${round(built.ms / 1000, 1)} s)`);

const cloud = await startLocalCloud({
  catalog: functionSpecs,
  onProgress: progress,
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  // Seeding runs far past the write throttle; what is measured is the page, not the limits.
  throttling: 'off',
});
const browser = await openBenchBrowser();
try {
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Sở Tài chính (bench web)',
    code: `WEB${Date.now()}`,
    street: '1 Bench',
  });

  // Through the API (draft + publish), many at a time: the tenders are what the portal will list,
  // written by the same code as any other.
  progress(`seeding ${tenders} published tenders, ${seedConcurrency} at a time…`);
  const seedStarted = performance.now();
  const ids: string[] = [];
  let next = 0;
  const day = 86_400_000;
  await Promise.all(
    Array.from({ length: seedConcurrency }, async () => {
      while (next < tenders) {
        const i = next++;
        const draft = await post('/tenders', pe, {
          title: `Gói thầu số ${i + 1}: cải tạo trường học`,
          description: 'Benchmark tender',
          category: i % 2 === 0 ? 'goods' : 'works',
          procurementMethod: 'open',
          envelopeProcedure: 'one-envelope',
          lots: [{ title: 'Lô 1', estimatedValue: 1_000_000_000 + i, bidSecurityAmount: 15_000_000 }],
          bidValidityDays: 90,
          evaluation: { method: 'lowest-price' },
          submissionDeadline: new Date(Date.now() + (20 + (i % 10)) * day).toISOString(),
          questionsDeadline: new Date(Date.now() + 10 * day).toISOString(),
        });
        await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, { 'if-match': `"${draft.version}"` });
        ids.push(draft.tenderId as string);
        if (ids.length % 100 === 0) progress(`  ${ids.length} tenders`);
      }
    }),
  );
  const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
  progress(`seeded in ${seedSeconds} s`);

  const gzipKb = new Map<string, number>();
  const kbOf = (file: string) => {
    let kb = gzipKb.get(file);
    if (kb === undefined) {
      kb = gzipSync(readFileSync(join(portalDist, file)), { level: 9 }).length / 1024;
      gzipKb.set(file, kb);
    }
    return kb;
  };
  const notFoundTitles = ['vi', 'en'].map(
    (lang) =>
      JSON.parse(
        readFileSync(
          join(import.meta.dirname, '..', 'portal', 'src', 'i18n', 'public', `${lang}.json`),
          'utf8',
        ),
      )['notFound.title'] as string,
  );

  const routes: { name: string; path: string; public: boolean }[] = [
    { name: 'public list', path: '/vi/', public: true },
    { name: 'tender detail', path: `/vi/tenders/${ids[0]}`, public: true },
    { name: 'contractors', path: '/vi/contractors', public: true },
    { name: 'open data', path: '/vi/open-data', public: true },
    { name: 'workspace', path: '/vi/workspace', public: false },
    { name: 'workspace new draft', path: '/vi/workspace/tenders/new', public: false },
    { name: 'contractor', path: '/vi/contractor', public: false },
    { name: 'contractor bids', path: '/vi/contractor/bids', public: false },
    { name: 'contractor keys', path: '/vi/contractor/keys', public: false },
    { name: 'contractor bid page', path: `/vi/contractor/tenders/${ids[0]}/bid`, public: false },
    { name: 'contractor tender', path: `/vi/contractor/tenders/${ids[0]}`, public: false },
    { name: 'oversight', path: '/vi/oversight', public: false },
    { name: 'oversight log', path: '/vi/oversight/log', public: false },
    { name: 'oversight verify', path: '/vi/oversight/verify', public: false },
    { name: 'oversight reports', path: '/vi/oversight/reports', public: false },
    { name: 'oversight flags', path: '/vi/oversight/flags', public: false },
  ];

  // The JavaScript each route makes the browser fetch: the built files it requested, gzip -9.
  const perRoute: Record<string, { path: string; files: string[]; js_kb_gzip: number; public: boolean }> = {};
  for (const route of routes) {
    const { context, page } = await browser.freshPage();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() === 'script' && url.origin === cloud.url)
        scripts.add(url.pathname);
    });
    await page.goto(`${cloud.url}${route.path}`, { waitUntil: 'networkidle' });
    const heading =
      (await page
        .locator('main h1')
        .first()
        .textContent({ timeout: 10_000 })
        .catch(() => '')) ?? '';
    await context.close();
    // A workspace route that is not built yet renders the not-found page, or nothing at all.
    if (!route.public && (heading.trim() === '' || notFoundTitles.includes(heading.trim()))) {
      progress(`${route.name}: no such route yet (${route.path}), left out`);
      continue;
    }
    const files = [...scripts].map((p) => p.replace(/^\//, '')).sort();
    const kb = round(
      files.reduce((sum, f) => sum + kbOf(f), 0),
      1,
    );
    perRoute[route.name] = {
      path: route.path.replace(ids[0] ?? '', ':tenderId'),
      files,
      js_kb_gzip: kb,
      public: route.public,
    };
    progress(`${route.name}: ${kb} KB gzip of JavaScript (${files.join(', ')})`);
  }

  // Time to the list's first rows, measured in the page: from the navigation's start (the
  // performance time origin) until a tender row is in the document.
  const times: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const { context, page } = await browser.freshPage();
    await page.addInitScript(`
      new MutationObserver(function (_, observer) {
        if (document.querySelector(${JSON.stringify(rowSelector)})) {
          window.__firstRowsMs = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    await page.goto(`${cloud.url}/vi/`);
    await page.locator(rowSelector).first().waitFor({ timeout: 30_000 });
    const ms = (await page.evaluate('window.__firstRowsMs')) as number;
    await context.close();
    // The first load warms the functions (a cold start is the cold-start bench's figure).
    if (run === 0) progress(`warm-up load: ${round(ms)} ms`);
    else times.push(ms);
  }
  times.sort((a, b) => a - b);

  const publicKb = Object.values(perRoute)
    .filter((r) => r.public)
    .map((r) => r.js_kb_gzip);
  report({
    bench: 'web',
    tenders,
    seed_s: seedSeconds,
    routes: Object.fromEntries(
      Object.entries(perRoute).map(([name, r]) => [name, { path: r.path, js_kb_gzip: r.js_kb_gzip }]),
    ),
    public_js_kb_gzip_max: Math.max(...publicKb),
    public_js_target_kb: publicTargetKb,
    public_js_within_target: publicKb.every((kb) => kb <= publicTargetKb),
    list_first_rows_ms: {
      runs: times.length,
      median: round(percentile(times, 50)),
      min: round(times[0] ?? Number.NaN),
      max: round(times.at(-1) ?? Number.NaN),
    },
  });
} finally {
  await browser.close();
  await cloud.stop();
}

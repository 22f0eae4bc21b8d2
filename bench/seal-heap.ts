// `npm run bench -- seal-heap [MB]`: Chromium seals and uploads one 200 MB document (or MB) in the
// portal's bid page (portal/src/bidding) against the local cloud, and reports the page's peak JS
// heap while it does: JSHeapUsedSize from the DevTools protocol's Performance metrics, sampled
// every 100 ms from before the click to the receipt. Target ≤ 300 MB: the document is read from
// File.stream(), sealed in 64 KiB chunks and spooled to the origin-private file system, never
// held whole in the page. The sealed envelope's size is checked against what S3 stored.

import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { buildPortal } from '../portal/build.ts';
import { openBrowser } from '../test/support/browser.ts';
import { progress, report, round } from './report.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const documentMb = Number(process.argv[2] ?? process.env.BENCH_DOCUMENT_MB ?? 200);
const targetPeakMb = 300;
const MB = 1024 * 1024;

await buildPortal();
const cloud = await startLocalCloud({
  catalog: functionSpecs,
  onProgress: progress,
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
});
const browser = await openBrowser();
const dir = mkdtempSync(join(tmpdir(), 'eproc-seal-heap-'));
try {
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Ban Quản lý dự án (bench)',
    code: `SH${Date.now()}`,
    street: '1 Tràng Thi',
  });
  const day = 86_400_000;
  const draft = await post('/tenders', pe, {
    title: 'Xây dựng trụ sở (bench)',
    description: 'One large technical document, sealed in the browser',
    category: 'works',
    procurementMethod: 'open',
    envelopeProcedure: 'one-envelope',
    lots: [{ title: 'Lô 1', estimatedValue: 50_000_000_000, bidSecurityAmount: 750_000_000 }],
    bidValidityDays: 120,
    evaluation: { method: 'lowest-price' },
    submissionDeadline: new Date(Date.now() + 30 * day).toISOString(),
    questionsDeadline: new Date(Date.now() + 20 * day).toISOString(),
  });
  const tender = await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, {
    'if-match': `"${draft.version}"`,
  });
  const sub = `bench-contractor-${Date.now()}`;
  const token = await cloud.tokens.sign({ sub, roles: ['contractor'] });
  await post('/contractors', token, {
    name: 'Tổng công ty Xây dựng (bench)',
    enterpriseCode: `06${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    address: { street: '2 Láng Hạ', province: 'Hà Nội' },
    contacts: [{ name: 'Bench', email: 'c@example.vn' }],
    representatives: [{ name: 'Bench', title: 'Tổng giám đốc' }],
  });

  progress(`writing a ${documentMb} MB document…`);
  const documentPath = join(dir, 'ho-so-ky-thuat.pdf');
  const block = randomBytes(MB);
  const fd = openSync(documentPath, 'w');
  for (let i = 0; i < documentMb; i++) {
    block.writeUInt32BE(i, 0);
    writeSync(fd, block);
  }
  closeSync(fd);

  const { page, errors } = await browser.page();
  await page.addInitScript((idToken) => {
    sessionStorage.setItem('eproc.session', JSON.stringify({ idToken }));
  }, token);
  await page.goto(`${cloud.url}/en/contractor/keys`);
  await page.locator('[data-key-state="none"]').waitFor();
  await page.getByRole('button', { name: 'Make and register a new key' }).click();
  await page.locator('[data-key-state="active"]').waitFor();

  await page.goto(`${cloud.url}/en/contractor/tenders/${tender.tenderId}/bid`);
  await page.locator('form.bid-form').waitFor();
  await page.getByLabel('Bid price (VND)').fill('48.500.000.000');
  await page.getByLabel('Guarantee reference').fill('BL-BENCH-1');
  // A path on disk: Chromium reads the file itself (nothing of it passes through this process).
  await page.getByLabel('Documents').setInputFiles(documentPath);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MB;
  };
  const baselineMb = await heapMb();
  let peakMb = baselineMb;
  let samples = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakMb = Math.max(peakMb, await heapMb());
      samples++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const started = performance.now();
  let sealedAt: number | undefined;
  const sealWatch = (async () => {
    await page.locator('.bars[data-step="uploading"]').waitFor({ timeout: 30 * 60_000 });
    sealedAt = performance.now();
  })().catch(() => {});
  progress('sealing and uploading in Chromium…');
  await page.getByRole('button', { name: 'Seal, sign and submit' }).click();
  await page.locator('section.receipt').waitFor({ timeout: 30 * 60_000 });
  const totalMs = performance.now() - started;
  sampling = false;
  await sampler;
  await sealWatch;
  const bidId = await page.locator('section.receipt').getAttribute('data-bid-id');
  const mine = await fetch(`${cloud.url}/me/bids?tenderId=${tender.tenderId}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json() as Promise<{ items: { bidId: string; envelopeSize: number }[] }>);
  const stored = mine.items.find((b) => b.bidId === bidId);
  if (!stored || stored.envelopeSize < documentMb * MB) throw new Error('the bid was not stored whole');
  const pageErrors = errors.filter((e) => !e.includes('the server responded with a status of'));
  if (pageErrors.length > 0) throw new Error(pageErrors.join('\n'));

  const sealMs = (sealedAt ?? performance.now()) - started;
  report({
    bench: 'seal-heap',
    documentMb,
    envelopeBytes: stored.envelopeSize,
    peakJsHeapMb: round(peakMb, 1),
    baselineJsHeapMb: round(baselineMb, 1),
    targetPeakMb,
    withinTarget: peakMb <= targetPeakMb,
    heapSamples: samples,
    sealMs: Math.round(sealMs),
    uploadAndCommitMs: Math.round(totalMs - sealMs),
    totalMs: Math.round(totalMs),
    sealMBps: round(documentMb / (sealMs / 1000), 1),
  });
} finally {
  await browser.close();
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
}

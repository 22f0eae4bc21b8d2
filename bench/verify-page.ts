// The verify page (/:lang/oversight/verify) in Chromium on a 100,000-entry audit bundle: the time
// from the file being chosen until the page shows its verdict (read in the page: the input's change
// event to the verdict element), against the same verifier in Node on the same bundle in the same
// run (the ratio is what to read on a shared machine). The built portal is served from disk with
// the two public key routes the page asks for (the bundle's signing key); no cloud is needed.
// Usage: npm run bench -- verify-page [entries]
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPortal, portalDist } from '../portal/build.ts';
import type { AuditBundle } from '../shared/tlog/index.ts';
import {
  createBundle,
  ecdsaP256KeyId,
  ecdsaP256Signer,
  entryLeafHash,
  MerkleTree,
  signCheckpoint,
  spkiPem,
  verifyBundle,
} from '../shared/tlog/index.ts';
import { percentile, progress, report, round } from './report.ts';
import { openBenchBrowser } from './support/bench-browser.ts';

const ENTRIES = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHECKPOINT_EVERY = 5_000;
const PROVEN_LEAVES = 1_000;
const ORIGIN = 'audit.eproc.example/log';

const event = (i: number): Record<string, unknown> => ({
  eventId: `01JABCDEF${i.toString(36).toUpperCase().padStart(17, '0')}`,
  at: new Date(Date.UTC(2025, 0, 1) + i * 7_000).toISOString(),
  actor: { sub: `user-${i % 5000}`, role: 'bidder', organisationId: `org-${i % 300}` },
  action: ['tender.published', 'bid.submitted', 'bid.opened'][i % 3],
  object: { type: 'bid', id: `B-${i}` },
  tenderId: `T-2025-${String(Math.floor(i / 400)).padStart(5, '0')}`,
  change: { status: 'submitted', lot: i % 7, amount: (i * 7919) % 1e7 },
});

progress(`building a ${ENTRIES}-entry bundle`);
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = ecdsaP256Signer(ORIGIN, privateKey);
const events = Array.from({ length: ENTRIES }, (_, i) => event(i));
const leafHashes = events.map((e, seq) => entryLeafHash(seq, e));
const tree = MerkleTree.fromLeafHashes(leafHashes);
const checkpoints: string[] = [];
for (let size = CHECKPOINT_EVERY; size < ENTRIES + CHECKPOINT_EVERY; size += CHECKPOINT_EVERY) {
  const at = Math.min(size, ENTRIES);
  checkpoints.push(await signCheckpoint({ origin: ORIGIN, size: at, rootHash: tree.root(at) }, signer));
}
const bundle = createBundle({
  origin: ORIGIN,
  publicKeys: [{ name: ORIGIN, publicKey }],
  entries: events.map((e, seq) => ({ seq, event: e, leafHash: leafHashes[seq] })),
  checkpoints,
  inclusionProofs: Array.from({ length: PROVEN_LEAVES }, (_, i) => ({
    index: Math.floor((i * ENTRIES) / PROVEN_LEAVES),
  })),
  tree,
});
const json = JSON.stringify(bundle);
const dir = mkdtempSync(join(tmpdir(), 'eproc-verify-page-'));
const bundleFile = join(dir, 'bundle.json');
writeFileSync(bundleFile, json);
progress(`bundle: ${(json.length / 1e6).toFixed(1)} MB`);

// The baseline: the same verifier in Node, parse included (the page parses in its worker too).
const pinned = { name: ORIGIN, publicKey: spkiPem(publicKey) };
const nodeTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const result = verifyBundle(JSON.parse(json) as AuditBundle, { pinnedPublicKey: pinned });
  nodeTimes.push(performance.now() - start);
  if (!result.ok) throw new Error(`Node refused the bundle: ${result.reason}`);
}

const built = await buildPortal();
progress(`portal ${built.built ? 'built' : 'up to date'}`);
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const logKey = { name: ORIGIN, keyId: ecdsaP256KeyId(ORIGIN, publicKey).toString(16).padStart(8, '0') };
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const send = (status: number, type: string, body: string | Buffer) => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };
  if (path.endsWith('/log/public-key'))
    return send(
      200,
      'application/json',
      JSON.stringify({ ...logKey, ...pinned, algorithm: 'ecdsa-p256-sha256' }),
    );
  if (path.endsWith('/receipts/public-key'))
    return send(200, 'application/json', JSON.stringify({ keyId: 'bench', pem: pinned.publicKey }));
  const file = join(portalDist, normalize(path));
  if (file.startsWith(portalDist) && extname(file) && existsSync(file))
    return send(200, types[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  if (extname(path)) return send(404, 'text/plain', 'not found');
  return send(200, 'text/html', readFileSync(join(portalDist, 'index.html')));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await openBenchBrowser();
const pageTimes: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await browser.freshPage();
    await page.goto(`${url}/vi/oversight/verify`);
    await page.locator('.log-key[data-key-id]').waitFor();
    const input = page.getByTestId('bundle-drop').locator('input[type=file]');
    // Start when the page hears of the file, stop when the verdict is in the document.
    await input.evaluate((element) => {
      const w = window as unknown as { verifyTimes: { start?: number; end?: number } };
      w.verifyTimes = {};
      element.addEventListener('change', () => {
        w.verifyTimes.start = performance.now();
      });
      new MutationObserver((_, observer) => {
        if (document.querySelector('.verify-bundle .verdict')) {
          w.verifyTimes.end = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await input.setInputFiles(bundleFile);
    const verdict = page.locator('.verify-bundle .verdict');
    await verdict.waitFor({ timeout: 600_000 });
    if ((await verdict.getAttribute('data-ok')) !== 'true')
      throw new Error(`the page refused the bundle: ${await verdict.getAttribute('data-reason')}`);
    const percent = await page.locator('progress#verify-progress').getAttribute('value');
    if (percent !== '100') throw new Error(`the bar ended at ${percent} %`);
    const times = await page.evaluate(
      () => (window as unknown as { verifyTimes: { start: number; end: number } }).verifyTimes,
    );
    pageTimes.push(times.end - times.start);
    progress(`run ${run + 1}: page ${round(pageTimes[run] as number, 0)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const pageMs = round(percentile(sorted(pageTimes), 50), 0);
const nodeMs = round(percentile(sorted(nodeTimes), 50), 0);
report({
  bench: 'verify-page',
  entries: ENTRIES,
  bundleMB: round(json.length / 1e6, 1),
  runs: RUNS,
  pageMedianMs: pageMs,
  pageMs: pageTimes.map((t) => round(t, 0)),
  nodeMedianMs: nodeMs,
  pageToNodeRatio: round(pageMs / nodeMs, 2),
});

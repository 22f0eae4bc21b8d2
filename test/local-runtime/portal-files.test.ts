// The local API serves the built portal (portal/dist) at its origin's root, as CloudFront in front
// of the portal's bucket does: its pages as index.html with a script policy, /assets/* as files
// with their types, nothing outside portal/dist however the path is spelled, GET and HEAD only;
// every other path still reaches the API routes. (The global setup builds the portal.)
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { type LocalCloud, startLocalCloud } from '../../infra/local/local-cloud.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { workerEnv, workerPrefix } from '../support/worker-resources.ts';

const dist = join(import.meta.dirname, '..', '..', 'portal', 'dist');
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${cloud.url}${path}`, { redirect: 'manual', ...init });

describe('the portal at the root', () => {
  it('serves its pages as index.html with a script policy, and its assets with their types', async () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const path of ['/vi/', '/en/tenders/T-1', '/vi/contractor/bids']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe(index);
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    const asset = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js')) as string;
    const script = await get(`/assets/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await script.arrayBuffer())).toEqual(readFileSync(join(dist, 'assets', asset)));
    const head = await get(`/assets/${asset}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(readFileSync(join(dist, 'assets', asset)).length));
    expect(await head.text()).toBe('');
    expect((await get('/assets/nothing-here.js')).status).toBe(404);
  });

  it('never serves a file outside portal/dist, however the path is encoded', async () => {
    const secret = readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8');
    for (const path of [
      '/assets/..%2F..%2Fpackage.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/assets/../../../package.json',
      '/assets/%2Fetc%2Fpasswd',
      '/assets/index.js%00.html',
      '/assets/%E0%A4%A',
    ]) {
      const response = await get(path);
      const body = await response.text();
      expect(response.status, path).toBe(404);
      expect(body, path).not.toContain('"devDependencies"');
      expect(body, path).not.toContain('root:');
      expect(body).not.toBe(secret);
    }
  });

  it('leaves other methods and every other path to the API routes', async () => {
    const post = await get('/vi/', { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toBe('application/problem+json');
    const tenders = await get('/tenders?limit=1');
    expect(tenders.status).toBe(200);
    expect(Array.isArray(((await tenders.json()) as { items: unknown[] }).items)).toBe(true);
    // The old web pages are gone: /app/ is nobody's.
    expect((await get('/app/')).headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('a cloud whose portal was never built', () => {
  let bare: LocalCloud;
  beforeAll(async () => {
    bare = await startLocalCloud({
      catalog: functionSpecs,
      emulatorEnv: workerEnv(),
      prefix: workerPrefix(),
      dataDir: mkdtempSync(join(tmpdir(), 'eproc-test-')),
      portalDir: mkdtempSync(join(tmpdir(), 'eproc-portal-empty-')),
      settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
  });
  afterAll(() => bare?.stop());

  it('says how to build it', async () => {
    const response = await fetch(`${bare.url}/vi/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('node portal/build.ts');
  });
});

// The local API serves the built pages under /app/ beside the catalog's routes: files from
// web/dist only (nothing above it, however the path is spelled), GET and HEAD only, HTML with a
// script policy; every other path still reaches the API routes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { type LocalCloud, startLocalCloud } from '../../infra/local/local-cloud.ts';
import { buildWeb, defaultWebDist } from '../../web/build.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { workerEnv, workerPrefix } from '../support/worker-resources.ts';

let cloud: TestCloud;
beforeAll(async () => {
  await buildWeb();
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${cloud.url}${path}`, { redirect: 'manual', ...init });

describe('static pages under /app/', () => {
  it('serves web/dist: the index for /app/, each file with its type, HTML with a script policy', async () => {
    const index = await get('/app/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe(readFileSync(join(defaultWebDist, 'index.html'), 'utf8'));
    const policy = index.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");

    const script = await get('/app/bid.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await script.arrayBuffer())).toEqual(readFileSync(join(defaultWebDist, 'bid.js')));

    const head = await get('/app/style.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(
      String(readFileSync(join(defaultWebDist, 'style.css')).length),
    );
    expect(await head.text()).toBe('');
  });

  it('redirects /app to /app/ and answers 404 for a file that is not there', async () => {
    const bare = await get('/app');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/app/');
    const missing = await get('/app/nothing-here.js');
    expect(missing.status).toBe(404);
  });

  it('never serves a file outside web/dist, however the path is encoded', async () => {
    const secret = readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8');
    for (const path of [
      '/app/..%2Fpackage.json',
      '/app/..%2F..%2Fpackage.json',
      '/app/%2e%2e/%2e%2e/package.json',
      '/app/../../package.json',
      '/app/%2Fetc%2Fpasswd',
      '/app/bid.js%00.html',
      '/app/%E0%A4%A',
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
    const post = await get('/app/', { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toBe('application/problem+json');
    const tenders = await get('/tenders?limit=1');
    expect(tenders.status).toBe(200);
    expect(Array.isArray(((await tenders.json()) as { items: unknown[] }).items)).toBe(true);
  });
});

describe('a cloud whose pages were never built', () => {
  let bare: LocalCloud;
  beforeAll(async () => {
    bare = await startLocalCloud({
      catalog: functionSpecs,
      emulatorEnv: workerEnv(),
      prefix: workerPrefix(),
      dataDir: mkdtempSync(join(tmpdir(), 'eproc-test-')),
      webDir: mkdtempSync(join(tmpdir(), 'eproc-web-empty-')),
      settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
  });
  afterAll(() => bare?.stop());

  it('says how to build them', async () => {
    const response = await fetch(`${bare.url}/app/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('node web/build.ts');
  });
});

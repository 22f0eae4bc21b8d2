// A test file's own copy of the running system on the shared emulators: the real HTTP path,
// every function in its worker, tokens minted through the Cognito user pool on moto.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { installSharedClock } from '../../infra/local/local-clock.ts';
import { type LocalCloud, startLocalCloud } from '../../infra/local/local-cloud.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { workerEnv, workerPrefix } from './worker-resources.ts';

export interface TestCloud extends LocalCloud {
  /** Where this cloud keeps its pool's ids and mailbox: `npm run token` finds it through EPROC_DATA_DIR. */
  readonly dataDir: string;
  /** An ID token of the pool for (sub, role, organisation): minted once per cloud, then cached. */
  token(sub: string, role: Role, organisationId?: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

export interface TestCloudOptions {
  /** Resource name prefix; a cloud with its own prefix has tables and queues no other file sees. */
  readonly prefix?: string;
  readonly catalog?: Record<string, FunctionSpec>;
  /** The gateway's throttling clock (test/local-runtime/throttling.test.ts moves it). */
  readonly now?: () => number;
}

const processMailbox = join(tmpdir(), `eproc-test-mailbox-${process.pid}.jsonl`);

export async function startTestCloud(
  settings: Record<string, string> = {},
  options: TestCloudOptions = {},
): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eproc-test-'));
  const cloud = await startLocalCloud({
    catalog: options.catalog ?? functionSpecs,
    emulatorEnv: workerEnv(),
    prefix: options.prefix ?? workerPrefix(),
    dataDir,
    // Metrics stay on in the functions' code paths but are not printed: EMF lines drowned the test output.
    settings: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true', ...settings },
    ...(options.now ? { now: options.now } : {}),
    // A test waiting for a consumer's effect (a KPI, an inbox item) sees it without waiting out
    // the consumer's batching window; test/local-runtime/batching-window.test.ts tests the window.
    batchingWindows: 'off',
    // The files of a test worker run one after another: a function's warm worker serves the next
    // cloud, as a warm Lambda serves the next request (told the new cloud's resource names and
    // clock). Its settings must be the same, the mailbox's path among them: one per test process,
    // where each mail names its address (test/accounts/support.ts reads the last one to it).
    reuseWorkers: true,
    mailbox: processMailbox,
  });
  // The test process decides by the cloud's clock too (handlers it imports, fixtures' deadlines):
  // `cloud.clock.advance(ms)` moves both, and stopping the cloud puts the previous clock back.
  const restoreClock = installSharedClock(cloud.clock.buffer);
  return {
    ...cloud,
    dataDir,
    async stop() {
      restoreClock();
      await cloud.stop();
    },
    // Through the pool, once per (sub, role, organisation) in this cloud (token-minter.ts).
    token: (sub, role, organisationId) =>
      cloud.tokens.sign({ sub, roles: [role], ...(organisationId ? { organisationId } : {}) }),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${cloud.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Left as text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
}

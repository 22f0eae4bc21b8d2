// `npm start` stopped the ways a user stops it — Ctrl-C in the terminal (SIGINT to the whole
// process group), `kill` (SIGTERM), SIGINT to the orchestrator alone, `kill -9` of everything —
// and started again: nothing written before the stop (or before the last periodic snapshot, for
// kill -9) is lost, no stack trace is printed, and no emulator process is left behind.
// Each start costs several seconds, so the tests share one data dir and run in order.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { startLocalCloud } from '../../infra/local/local-cloud.ts';
import { freePort } from '../../infra/local/ports.ts';
import { descendants, type NpmStart, npmStart, processesUsing, waitUntil } from './npm-start.ts';
import { createUserState, expectUserState, type UserState } from './user-state.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'eproc-stop-'));
const interval = 500;
const env = { LOCAL_SNAPSHOT_INTERVAL_MS: String(interval) };
const created: UserState[] = [];
const started: NpmStart[] = [];

async function start(): Promise<{ run: NpmStart; url: string }> {
  const run = npmStart(dataDir, await freePort(), env);
  started.push(run);
  return { run, url: await run.running };
}

const stackTrace = /^\s+at .+/m;

async function expectCleanExit(run: NpmStart) {
  const exit = await run.exited;
  expect(run.stderr()).not.toMatch(stackTrace);
  expect(exit, run.stderr()).toEqual({ code: 0, signal: null });
  expect(run.stderr()).toMatch(/saved \d+ stored objects/);
  await waitUntil('no process uses the data dir', () => processesUsing(dataDir).length === 0, 10_000);
}

afterAll(() => {
  for (const run of started) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) continue;
    for (const p of descendants(run.pid)) {
      try {
        process.kill(-p.pgid, 'SIGKILL');
      } catch {}
    }
    run.child.kill('SIGKILL');
  }
});

describe('stopping npm start and starting it again', () => {
  let current: { run: NpmStart; url: string };

  it('Ctrl-C in the terminal (SIGINT to the process group) saves everything, then stops the emulators', async () => {
    current = await start();
    created.push(await createUserState(current.url, dataDir, 'ctrl-c'));
    process.kill(-current.run.pid, 'SIGINT');
    await expectCleanExit(current.run);

    current = await start();
    for (const state of created) await expectUserState(current.url, dataDir, state);
  }, 300_000);

  it('SIGTERM to the orchestrator alone stops it cleanly and loses nothing', async () => {
    created.push(await createUserState(current.url, dataDir, 'sigterm'));
    process.kill(current.run.pid, 'SIGTERM');
    await expectCleanExit(current.run);

    current = await start();
    for (const state of created) await expectUserState(current.url, dataDir, state);
  }, 300_000);

  it('SIGINT to the orchestrator alone stops it cleanly and loses nothing', async () => {
    created.push(await createUserState(current.url, dataDir, 'sigint'));
    process.kill(current.run.pid, 'SIGINT');
    await expectCleanExit(current.run);

    current = await start();
    for (const state of created) await expectUserState(current.url, dataDir, state);
  }, 300_000);

  it('kill -9 of every process keeps what the last periodic snapshot held, and ignores a half-written one', async () => {
    const state = await createUserState(current.url, dataDir, 'kill-9');
    created.push(state);
    // A periodic save has run since the last write to S3 (the document's body; the requests after
    // it write DynamoDB only, and a save may well have run while they did): moto holds one lock
    // over every write and a whole save, so a state file written after that write's answer holds
    // it. The pause gives DynamoDB Local (SQLite) the moment it takes to make its acknowledged
    // writes durable.
    const statePath = join(dataDir, 's3', 'state.pickle');
    await waitUntil(
      'a periodic S3 save after the last write',
      () => existsSync(statePath) && statSync(statePath).mtimeMs > state.storedAt,
      30_000,
    );
    await new Promise((r) => setTimeout(r, interval * 4));
    const groups = new Set([current.run.pid, ...descendants(current.run.pid).map((p) => p.pgid)]);
    expect(groups.size).toBeGreaterThan(1);
    for (const group of groups) process.kill(-group, 'SIGKILL');
    expect((await current.run.exited).signal).toBe('SIGKILL');
    await waitUntil('every emulator is gone', () => processesUsing(dataDir).length === 0, 10_000);
    // What a save cut short would leave: a partial index and a torn body beside the good ones.
    const s3Dir = join(dataDir, 's3');
    const bodies = readdirSync(join(s3Dir, 'bodies'));
    expect(bodies.length).toBeGreaterThan(0);
    writeFileSync(join(s3Dir, 'state.pickle.tmp-999999'), 'torn');
    writeFileSync(join(s3Dir, 'bodies', `${bodies[0]}.tmp-999999`), 'torn');

    current = await start();
    for (const state of created) await expectUserState(current.url, dataDir, state);
    const leftovers = [...readdirSync(s3Dir), ...readdirSync(join(s3Dir, 'bodies'))];
    expect(leftovers.filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 300_000);

  it('kill -9 of the orchestrator alone takes its emulators down with it', async () => {
    const emulators = descendants(current.run.pid);
    expect(emulators.length).toBeGreaterThan(1);
    process.kill(current.run.pid, 'SIGKILL');
    await current.run.exited;
    await waitUntil('the emulators notice and exit', () => processesUsing(dataDir).length === 0, 15_000);

    current = await start();
    for (const state of created) await expectUserState(current.url, dataDir, state);
    process.kill(-current.run.pid, 'SIGINT');
    await expectCleanExit(current.run);
  }, 300_000);
});

describe('a start that fails', () => {
  const failureLines = (run: NpmStart) =>
    run
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('npm start:'));

  it('with its port in use says so in one line, exits non-zero and leaves nothing running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eproc-port-'));
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const run = npmStart(dir, port);
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.stderr()).not.toMatch(stackTrace);
      expect(failureLines(run)).toEqual([`npm start: port ${port} is in use (try --port N)`]);
      expect(processesUsing(dir)).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('with a bad LOCAL_SNAPSHOT_INTERVAL_MS names the setting in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eproc-setting-'));
    const run = npmStart(dir, await freePort(), { LOCAL_SNAPSHOT_INTERVAL_MS: 'soon' });
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).not.toMatch(stackTrace);
    expect(failureLines(run)).toEqual([
      expect.stringMatching(/^npm start: invalid setting LOCAL_SNAPSHOT_INTERVAL_MS: /),
    ]);
  }, 60_000);

  it('after the emulators are up (an unwritable user pool file) stops them and says why in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eproc-late-'));
    mkdirSync(join(dir, 'user-pool.json'));
    const run = npmStart(dir, await freePort());
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toContain('creating tables');
    expect(run.stderr()).not.toMatch(stackTrace);
    expect(failureLines(run)).toEqual([
      expect.stringMatching(/^npm start: cannot write the user pool file .*user-pool\.json/),
    ]);
    // Stopped before the orchestrator exited, not merely signalled.
    expect(processesUsing(dir)).toEqual([]);
  }, 120_000);

  it('when the API port is taken while the emulators start, stops them and reports the port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eproc-race-'));
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      await expect(
        startLocalCloud({
          catalog: functionSpecs,
          dataDir: dir,
          port,
          settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
        }),
      ).rejects.toThrow(`port ${port} is in use (try --port N)`);
      expect(processesUsing(dir)).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 120_000);
});

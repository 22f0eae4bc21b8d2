// The local runtime's function bundles (infra/local/function-bundles.ts): built with the deploy's
// options, reused while their inputs are unchanged, rebuilt when any input (the entry or a module
// it imports) changes, and run by the function pool with the local cloud's movable clock.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { functionBundles } from '../../infra/local/function-bundles.ts';
import { FunctionPool } from '../../infra/local/function-pool.ts';
import { sharedClock } from '../../infra/local/local-clock.ts';

const root = join(import.meta.dirname, '..', '..');
// Entries must sit in the project (the cache keys them by their path from its root).
const scratchRoot = join(root, 'node_modules', '.cache');
let scratch: string;
let cacheDir: string;
let catalog: Record<string, FunctionSpec>;

const write = (file: string, text: string) => {
  writeFileSync(join(scratch, file), text);
  // A second later than any earlier write, so the change shows even on a coarse-mtime filesystem.
  const later = new Date(Date.now() + 1000 * Math.random() + 2000);
  utimesSync(join(scratch, file), later, later);
};

beforeAll(() => {
  mkdirSync(scratchRoot, { recursive: true });
  scratch = mkdtempSync(join(scratchRoot, 'bundle-probe-'));
  cacheDir = join(scratch, 'bundles');
  write('word.ts', "export const word = 'one';\n");
  write(
    'handler.ts',
    [
      "import { clock } from '../../../shared/runtime/clock.ts';",
      "import { word } from './word.ts';",
      'export const handler = async () => ({ word, now: clock.nowMs(), url: import.meta.url });',
    ].join('\n'),
  );
  catalog = {
    probe: {
      description: 'bundle probe',
      entry: relative(root, join(scratch, 'handler.ts')),
      trigger: { kind: 'schedule', rateMinutes: 1 },
      grants: [],
    } as unknown as FunctionSpec,
  };
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function invoke(bundles: Record<string, string>, clockBuffer?: SharedArrayBuffer) {
  const pool = new FunctionPool(catalog, process.env, clockBuffer, bundles);
  try {
    return (await pool.invoke('probe', {})) as { word: string; now: number; url: string };
  } finally {
    await pool.stop();
  }
}

describe('function bundles', () => {
  it('builds a bundle once, runs it, and reuses it while nothing it was built from changed', async () => {
    const first = await functionBundles(catalog, { dir: cacheDir });
    expect(first.probe).toMatch(/\.mjs$/);
    // One file with the imported module inlined: no import of word.ts is left.
    const code = readFileSync(first.probe as string, 'utf8');
    expect(code).not.toMatch(/word\.ts/);
    expect(code).toContain('"one"');
    const result = await invoke(first);
    expect(result.word).toBe('one');
    expect(result.url).toBe(`file://${first.probe}`);
    expect(await functionBundles(catalog, { dir: cacheDir })).toEqual(first);
  });

  it('rebuilds when a module the entry imports changes, and the pool then runs the new code', async () => {
    const before = await functionBundles(catalog, { dir: cacheDir });
    write('word.ts', "export const word = 'two';\n");
    const after = await functionBundles(catalog, { dir: cacheDir });
    expect(after.probe).not.toBe(before.probe);
    expect((await invoke(after)).word).toBe('two');
  });

  it("runs the bundle on the local cloud's clock, though the bundle carries its own copy of the clock module", async () => {
    const bundles = await functionBundles(catalog, { dir: cacheDir });
    const clock = sharedClock();
    clock.moveBy(10 * 24 * 3600_000);
    const { now } = await invoke(bundles, clock.buffer);
    expect(now - Date.now()).toBeGreaterThan(10 * 24 * 3600_000 - 60_000);
  });
});

// The local runtime runs each function's bundle, built with the options that deploy
// (functions/bundling.ts), not its source tree: a worker thread then imports one file instead of
// resolving and linking the few hundred modules of our code and the AWS SDK. In a worker that is
// ~180 ms of CPU instead of ~500, paid by every function of every local cloud (a test file starts
// a dozen), and the local runtime runs what AWS runs, the bundler's alias and tree-shaking included.
//
// Bundles are cached per entry under node_modules/.cache/eproc-functions, each with the files
// esbuild read to build it (its metafile inputs) and their size and mtime: a start rebuilds only
// the entries whose inputs changed, so an edited handler or shared module is picked up at the next
// start. A build writes a new folder and then replaces the entry's `current.json` by rename, so
// processes starting at the same moment (the test run's forks, `npm start` children) never read a
// half-written bundle; the two newest builds of an entry are kept for clouds still starting workers.
import { createHash, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';
import { bundling, esbuildOptions } from '../../functions/bundling.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
export const defaultBundleDir = join(projectRoot, 'node_modules', '.cache', 'eproc-functions');

interface Current {
  /** The bundle's path from the entry's cache folder. */
  readonly bundle: string;
  /** Every file the bundle was built from, from the project root: [size, mtimeMs]. */
  readonly inputs: Record<string, readonly [number, number]>;
}

/** Bumped when what a cache folder holds changes, so that older folders are not read. */
const cacheFormat = 2;

/** What makes two bundles of one entry interchangeable: the options, esbuild, the lazy packages. */
function entryKey(spec: FunctionSpec): string {
  const lazy = [...(spec.lazyPackages ?? [])].sort();
  const key = JSON.stringify({
    cacheFormat,
    entry: spec.entry,
    lazy,
    files: spec.files ?? [],
    bundling,
    esbuildVersion,
  });
  const name = spec.entry
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
  return `${name}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function unchanged(inputs: Current['inputs'], stats: Map<string, string>): boolean {
  for (const [path, [size, mtimeMs]] of Object.entries(inputs)) {
    let seen = stats.get(path);
    if (seen === undefined) {
      try {
        const s = statSync(join(projectRoot, path));
        seen = `${s.size}:${s.mtimeMs}`;
      } catch {
        seen = 'missing';
      }
      stats.set(path, seen);
    }
    if (seen !== `${size}:${mtimeMs}`) return false;
  }
  return true;
}

function readCurrent(folder: string): Current | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, 'current.json'), 'utf8')) as Current;
  } catch {
    return undefined;
  }
}

/**
 * The bundle file of each function of `catalog` whose entry can be bundled, by function name,
 * building those missing or stale. `onProgress` hears of a build (a fresh clone's first start).
 */
export async function functionBundles(
  catalog: Record<string, FunctionSpec>,
  options: { dir?: string; onProgress?: (message: string) => void } = {},
): Promise<Record<string, string>> {
  const dir = options.dir ?? defaultBundleDir;
  const stats = new Map<string, string>();
  const byEntry = new Map<string, { spec: FunctionSpec; folder: string; names: string[] }>();
  for (const [name, spec] of Object.entries(catalog)) {
    const folder = join(dir, entryKey(spec));
    const known = byEntry.get(folder);
    if (known) known.names.push(name);
    else byEntry.set(folder, { spec, folder, names: [name] });
  }
  const stale = [...byEntry.values()].filter(({ folder }) => {
    const current = readCurrent(folder);
    return !current || !unchanged(current.inputs, stats);
  });
  if (stale.length > 0) {
    options.onProgress?.(`bundling ${stale.length} function${stale.length === 1 ? '' : 's'}…`);
    // One esbuild build per set of lazy packages: the entries share what it parsed.
    const groups = new Map<string, typeof stale>();
    for (const entry of stale) {
      const external = JSON.stringify([...(entry.spec.lazyPackages ?? [])].sort());
      groups.set(external, [...(groups.get(external) ?? []), entry]);
    }
    await Promise.all([...groups.values()].map((group) => buildGroup(dir, group)));
  }
  const bundles: Record<string, string> = {};
  for (const { folder, names } of byEntry.values()) {
    const current = readCurrent(folder);
    if (!current) throw new Error(`no bundle in ${folder} after building it`);
    for (const name of names) bundles[name] = join(folder, current.bundle);
  }
  return bundles;
}

async function buildGroup(dir: string, group: { spec: FunctionSpec; folder: string }[]): Promise<void> {
  const id = `b-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  const scratch = join(dir, `.${id}`);
  const lazy = group[0]?.spec.lazyPackages ?? [];
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: group.map(({ spec }) => spec.entry),
    outdir: scratch,
    outbase: projectRoot,
    entryNames: '[dir]/[name]',
    outExtension: { '.js': '.mjs' },
    ...esbuildOptions(lazy),
  });
  const stat = (path: string) => {
    const s = statSync(join(projectRoot, path));
    return [s.size, s.mtimeMs] as const;
  };
  for (const { spec, folder } of group) {
    const built = join(scratch, spec.entry.replace(/\.ts$/, '.mjs'));
    const output = result.metafile.outputs[relative(projectRoot, built)];
    if (!output) throw new Error(`esbuild wrote no bundle for ${spec.entry}`);
    // Every module the entry reaches, walked through the import graph: the output's own input list
    // leaves out a module that contributed no bytes (a constant esbuild inlined), yet editing it
    // changes the bundle.
    const inputs: Record<string, readonly [number, number]> = {};
    const reach = [spec.entry];
    for (let path = reach.pop(); path !== undefined; path = reach.pop()) {
      if (inputs[path]) continue;
      inputs[path] = stat(path);
      for (const { path: next, external } of result.metafile.inputs[path]?.imports ?? []) {
        if (!external && !inputs[next]) reach.push(next);
      }
    }
    const outDir = join(folder, id);
    mkdirSync(outDir, { recursive: true });
    renameSync(built, join(outDir, basename(built)));
    // Files the handler reads beside itself (the catalog's `files`), copied as the deploy does.
    for (const file of spec.files ?? []) {
      copyFileSync(join(projectRoot, file), join(outDir, basename(file)));
      inputs[file] = stat(file);
    }
    const current: Current = { bundle: join(id, basename(built)), inputs };
    const next = join(folder, `current.${id}.json`);
    writeFileSync(next, JSON.stringify(current));
    renameSync(next, join(folder, 'current.json'));
    // Older builds, but the one a starting cloud may have just read.
    const builds = readdirSync(folder)
      .filter((name) => name.startsWith('b-') && name !== id)
      .sort();
    for (const old of builds.slice(0, -1)) rmSync(join(folder, old), { recursive: true, force: true });
  }
  rmSync(scratch, { recursive: true, force: true });
}

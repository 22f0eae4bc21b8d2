// For every function in the catalog: the minified bundle size and the median time to import the
// bundle in a fresh Node process (9 runs: `npm run bench -- cold-start [runs]`), as a Lambda cold
// start would. Beside each, measured in the same run and bundled the same way: a bare handler that
// imports the same AWS SDK packages and builds the same clients, and nothing of ours. The ratio of
// the two is our code's share of the cold start, which a loaded machine inflates far less than the
// milliseconds themselves.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../functions/bundling.ts';
import { functionSpecs } from '../functions/catalog.ts';
import { progress, report, round } from './report.ts';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 9);
// Inside node_modules so the bundles find the external SDK there, as they would in the runtime.
const outDir = join(root, 'node_modules', '.cold-start');
mkdirSync(outDir, { recursive: true });

const importProbe = `const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0));`;

/** What a bundle holds: its external imports (Node builtins, lazy packages), the AWS SDK packages
 * bundled into it, and the bytes of it that are not the SDK's (our code and other packages). */
async function bundle(
  entry: string,
  outfile: string,
  lazy: readonly string[] = [],
): Promise<{ sdkPackages: string[]; ownBytes: number }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    ...esbuildOptions(lazy),
  });
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {});
  const sdk = /node_modules\/(@aws-sdk|@smithy|@aws-crypto)\//;
  const sdkPackages = new Set<string>();
  for (const [path] of inputs) {
    const client = path.match(/node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-dynamodb))\//)?.[1];
    if (client) sdkPackages.add(client);
  }
  return {
    sdkPackages: [...sdkPackages].sort(),
    ownBytes: inputs.filter(([path]) => !sdk.test(path)).reduce((n, [, i]) => n + i.bytesInOutput, 0),
  };
}

function importOnce(name: string, file: string): number {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', importProbe, file], {
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'ap-southeast-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  if (result.status !== 0) throw new Error(`${name}: import failed: ${result.stderr}`);
  return Number(result.stdout);
}

/** Median import times of a function's bundle and of its bare handler, runs interleaved so that
 * both see the same moments of a shared machine's load. */
function importMedians(name: string, file: string, bareFile: string): { own: number; bare: number } {
  const own: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    own.push(importOnce(name, file));
    bare.push(importOnce(`${name} (bare handler)`, bareFile));
  }
  own.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const middle = Math.floor(runs / 2);
  return { own: own[middle] as number, bare: bare[middle] as number };
}

/** The client class a client package exports (DynamoDBClient for client-dynamodb), if any. */
async function clientClass(pkg: string): Promise<string | undefined> {
  if (!pkg.startsWith('@aws-sdk/client-')) return undefined;
  const exports = (await import(pkg)) as Record<string, unknown>;
  return Object.keys(exports).find(
    (k) =>
      k !== '__Client' &&
      /Client$/.test(k) &&
      typeof exports[k] === 'function' &&
      typeof (exports[k] as { prototype?: { send?: unknown } }).prototype?.send === 'function',
  );
}

/** A handler that only imports these SDK packages and builds one client per client package. */
async function bareHandlerSource(packages: readonly string[]): Promise<string> {
  const lines: string[] = [];
  const clients: string[] = [];
  for (const [i, pkg] of packages.entries()) {
    lines.push(`import * as m${i} from ${JSON.stringify(pkg)};`);
    const client = await clientClass(pkg);
    if (client) clients.push(`new m${i}.${client}({})`);
  }
  const documents = packages.indexOf('@aws-sdk/lib-dynamodb');
  const dynamodb = packages.indexOf('@aws-sdk/client-dynamodb');
  if (documents !== -1 && dynamodb !== -1) {
    clients.push(`m${documents}.DynamoDBDocumentClient.from(new m${dynamodb}.DynamoDBClient({}))`);
  }
  lines.push(`const clients = [${clients.join(', ')}];`);
  lines.push(`export const handler = async () => ({ statusCode: 200, body: String(clients.length) });`);
  return `${lines.join('\n')}\n`;
}

interface Figures {
  bundle_kb: number;
  /** The bundle without the AWS SDK's share: what our code and its other packages weigh. */
  own_kb: number;
  import_ms_p50: number;
  sdk_packages: string[];
  bare_import_ms_p50: number;
  import_ratio: number;
}

const functions: Record<string, Figures> = {};
// Functions with the same SDK packages share one bare bundle (built once, measured beside each).
const bareBundles = new Map<string, string>();
for (const [name, spec] of Object.entries(functionSpecs)) {
  const outfile = join(outDir, `${name}.mjs`);
  const lazy: readonly string[] = spec.lazyPackages ?? [];
  const { sdkPackages: packages, ownBytes } = await bundle(join(root, spec.entry), outfile, lazy);
  const bytes = statSync(outfile).size;
  const signature = packages.join(' ');
  let bareFile = bareBundles.get(signature);
  if (bareFile === undefined) {
    const index = bareBundles.size;
    const source = join(outDir, `bare-${index}.src.mjs`);
    writeFileSync(source, await bareHandlerSource(packages));
    bareFile = join(outDir, `bare-${index}.mjs`);
    await bundle(source, bareFile);
    bareBundles.set(signature, bareFile);
  }
  const { own: importMs, bare: bareMs } = importMedians(name, outfile, bareFile);
  functions[name] = {
    bundle_kb: round(bytes / 1024, 1),
    own_kb: round(ownBytes / 1024, 1),
    import_ms_p50: round(importMs, 1),
    sdk_packages: packages,
    bare_import_ms_p50: round(bareMs, 1),
    import_ratio: round(importMs / bareMs, 2),
  };
  progress(
    `${name}: ${functions[name].bundle_kb} KB (${functions[name].own_kb} KB without the SDK), import p50 ${functions[name].import_ms_p50} ms, ` +
      `bare handler with the same SDK clients ${functions[name].bare_import_ms_p50} ms ` +
      `(ratio ${functions[name].import_ratio})`,
  );
}

// The 300 KB budget is for what we add; the SDK's share is the bare handler's too.
const sizes = Object.values(functions).map((f) => f.own_kb);
const imports = Object.values(functions).map((f) => f.import_ms_p50);
const ratios = Object.values(functions).map((f) => f.import_ratio);
const importOk = Math.max(...imports) <= 150;
const sizeOk = Math.max(...sizes) <= 300;
report({
  bench: 'cold-start',
  functions,
  max_bundle_kb: Math.max(...Object.values(functions).map((f) => f.bundle_kb)),
  max_own_kb: Math.max(...sizes),
  max_import_ms_p50: Math.max(...imports),
  max_import_ratio: Math.max(...ratios),
  median_import_ratio: round(ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)] as number, 2),
  target_own_kb: 300,
  target_import_ms: 150,
  // #14's figure is the import time; the size budget is older and reported apart.
  import_ok: importOk,
  size_ok: sizeOk,
  ok: importOk && sizeOk,
});

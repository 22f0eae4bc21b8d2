// For every function in the catalog: the minified bundle size and the median time to import the
// bundle in a fresh Node process (5 runs), as a Lambda cold start would.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundling } from '../functions/bundling.ts';
import { functionSpecs } from '../functions/catalog.ts';
import { progress, report, round } from './report.ts';

const root = join(import.meta.dirname, '..');
const runs = 5;

const importProbe = `const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0));`;

const functions: Record<string, { bundle_kb: number; import_ms_p50: number }> = {};
for (const [name, spec] of Object.entries(functionSpecs)) {
  // Inside node_modules so the bundle finds the external SDK there, as it would in the runtime.
  const outfile = join(root, 'node_modules', '.cold-start', `${name}.mjs`);
  await build({
    entryPoints: [join(root, spec.entry)],
    bundle: true,
    outfile,
    ...bundling,
    external: [...bundling.external],
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    logLevel: 'error',
  });
  const bytes = statSync(outfile).size;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', importProbe, outfile], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'ap-southeast-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    if (result.status !== 0) throw new Error(`${name}: import failed: ${result.stderr}`);
    samples.push(Number(result.stdout));
  }
  samples.sort((a, b) => a - b);
  functions[name] = {
    bundle_kb: round(bytes / 1024, 1),
    import_ms_p50: round(samples[Math.floor(runs / 2)] as number, 1),
  };
  progress(`${name}: ${functions[name].bundle_kb} KB, import p50 ${functions[name].import_ms_p50} ms`);
}

const sizes = Object.values(functions).map((f) => f.bundle_kb);
const imports = Object.values(functions).map((f) => f.import_ms_p50);
report({
  bench: 'cold-start',
  functions,
  max_bundle_kb: Math.max(...sizes),
  max_import_ms_p50: Math.max(...imports),
  target_bundle_kb: 300,
  target_import_ms: 150,
  ok: Math.max(...sizes) < 300 && Math.max(...imports) < 150,
});

// `npm run bench -- NAME [args]` runs bench/NAME.ts; with no name it lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const helpers = new Set(['run.ts', 'report.ts']);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !helpers.has(f))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name) {
  process.stdout.write(`usage: npm run bench -- <name> [args]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(0);
}
const file = join(here, `${name}.ts`);
if (!existsSync(file) || helpers.has(`${name}.ts`)) {
  process.stderr.write(`unknown benchmark "${name}"; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--expose-gc', file, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);

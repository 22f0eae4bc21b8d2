// `npm run bench -- NAME [args]` runs bench/NAME.ts; with no name it lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const helpers = new Set(['run.ts', 'report.ts']);
/** Benchmarks that are another one with arguments (#14's sizes): name → file and its arguments
 * (given arguments replace the alias's: `open-surge 200 10 60`). */
const aliases: Record<string, readonly string[]> = {
  'open-surge': ['open-many', '1000', '10', '60'],
  // One tender with 10,000 bids: warm timer, once, and the opener alone on 10,000 (its memory).
  'open-10k': ['open', '1', '10000', '10000', 'warm'],
};
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !helpers.has(f))
  .map((f) => f.slice(0, -3))
  .concat(Object.keys(aliases))
  .sort();

const [given, ...extra] = process.argv.slice(2);
const alias = given ? aliases[given] : undefined;
const [name, ...args] = alias
  ? [alias[0], ...(extra.length > 0 ? extra : alias.slice(1))]
  : [given, ...extra];
if (!name) {
  process.stdout.write(`usage: npm run bench -- <name> [args]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(0);
}
const file = join(here, `${name}.ts`);
if (!existsSync(file) || helpers.has(`${name}.ts`)) {
  process.stderr.write(`unknown benchmark "${name}"; available: ${available.join(', ')}\n`);
  process.exit(2);
}
// An alias's results go to its own file (bench/results/<alias>.json) when the benchmark reads this.
// The functions' EMF metric lines are off unless asked for: a benchmark's last line is its result.
const env = {
  ...process.env,
  POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  ...(alias ? { BENCH_ALIAS: given } : {}),
};
const result = spawnSync(process.execPath, ['--expose-gc', file, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);

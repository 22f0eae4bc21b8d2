// Builds the portal (Vite) into portal/dist when its sources changed since the last build: the
// build records a SHA-256 of every input file (portal/src, index.html, vite.config.ts, the
// lockfile) in dist/.build-hash, so `npm start` after a restart serves what is there at once.
// Run by hand: node portal/build.ts [--force]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';

const portalDir = import.meta.dirname;
export const portalDist = join(portalDir, 'dist');
const hashFile = join(portalDist, '.build-hash');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** One hash over every input's path and bytes: any edit, addition or removal changes it. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(portalDir, 'src')),
    join(portalDir, 'index.html'),
    join(portalDir, 'vite.config.ts'),
    join(portalDir, '..', 'package-lock.json'),
  ];
  for (const path of inputs) {
    hash.update(relative(portalDir, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

export async function buildPortal(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; ms: number; hash: string }> {
  const started = performance.now();
  const hash = sourceHash();
  const current = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : '';
  if (!options.force && current === hash && existsSync(join(portalDist, 'index.html'))) {
    return { built: false, ms: performance.now() - started, hash };
  }
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which Vite would
  // otherwise take for a development build of React).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(portalDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(hashFile, `${hash}\n`);
  return { built: true, ms: performance.now() - started, hash };
}

if (import.meta.main) {
  const result = await buildPortal({ force: process.argv.includes('--force') });
  process.stdout.write(
    `${result.built ? 'built' : 'up to date:'} portal/dist in ${(result.ms / 1000).toFixed(1)} s\n`,
  );
}

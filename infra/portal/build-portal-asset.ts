// Builds the portal for CloudFront into a given directory (the BucketDeployment asset's output):
// the same Vite config as portal/build.ts, but calling the API under /api (CloudFront's behaviour
// to the HTTP API), and without source maps in what is uploaded.
// Run as: node infra/portal/build-portal-asset.ts OUT_DIR
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { deployedApiBase } from './page-routes.ts';

const portalDir = join(import.meta.dirname, '..', '..', 'portal');

export async function buildPortalAsset(outDir: string): Promise<void> {
  // A production build of React whatever the caller's NODE_ENV (vitest sets "test").
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(portalDir, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      define: { __EPROC_API_BASE__: JSON.stringify(deployedApiBase) },
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  // Nothing but what the browser loads: no maps, no build bookkeeping.
  for (const name of readdirSync(join(outDir, 'assets'))) {
    if (name.endsWith('.map')) rmSync(join(outDir, 'assets', name));
  }
}

if (import.meta.main) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: node infra/portal/build-portal-asset.ts OUT_DIR\n');
    process.exit(2);
  }
  await buildPortalAsset(outDir);
}

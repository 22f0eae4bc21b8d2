// The emulators start once per test run; every test file reuses them through injected settings,
// with resources of its worker's own (worker-resources.ts).
import type { TestProject } from 'vitest/node';
import { functionSpecs } from '../../functions/catalog.ts';
import { startEmulators } from '../../infra/local/emulators.ts';
import { functionBundles } from '../../infra/local/function-bundles.ts';
import { MissingPrerequisite } from '../../infra/local/prerequisites.ts';
import { provision } from '../../infra/local/provision.ts';
import { buildPortal } from '../../portal/build.ts';
import { testPeriodAcceleration } from './acceleration.ts';
import { ensureChromium } from './chromium-prerequisite.ts';
import { workerPrefix } from './worker-resources.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Installs Debian's Chromium when it can; when it cannot, one line now, and the browser tests
  // fail with the same line (the others run).
  const chromiumMissing = ensureChromium();
  if (chromiumMissing) {
    process.stderr.write(`npm test: ${chromiumMissing}\n`);
    process.env.EPROC_CHROMIUM_MISSING = chromiumMissing;
  }
  let emulators: Awaited<ReturnType<typeof startEmulators>>;
  // The portal is built once here (when its inputs changed), while the emulators start: the
  // browser test files and the `npm start` children then find it built instead of building it
  // at the same time, each into the same folder.
  const portal = buildPortal();
  // Every function's bundle, likewise, before any test cloud's first worker (function-bundles.ts).
  const bundles = functionBundles(functionSpecs);
  try {
    emulators = await startEmulators();
    await portal;
    await bundles;
  } catch (error) {
    // One clear line, with how to install what is missing, instead of a stack trace.
    if (error instanceof MissingPrerequisite) {
      process.stderr.write(`npm test: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  Object.assign(process.env, emulators.env);
  const ids = Array.from({ length: Math.max(1, project.config.maxWorkers) }, (_, i) => String(i + 1));
  const provisioned = await Promise.all(ids.map((id) => provision(workerPrefix(id))));
  project.provide(
    'workerEnvs',
    // Every function of every test cloud, and handlers imported directly, run at this acceleration.
    Object.fromEntries(
      ids.map((id, i) => [
        id,
        {
          ...emulators.env,
          ...provisioned[i]?.env,
          PERIOD_ACCELERATION: testPeriodAcceleration,
          ...(chromiumMissing ? { EPROC_CHROMIUM_MISSING: chromiumMissing } : {}),
        },
      ]),
    ),
  );
  project.provide(
    'workerDeadLetterQueues',
    Object.fromEntries(ids.map((id, i) => [id, provisioned[i]?.deadLetterQueues ?? {}])),
  );
  return () => emulators.stop();
}

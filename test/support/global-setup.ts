// The emulators start once per test run; every test file reuses them through injected settings.
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../infra/local/emulators.ts';
import { MissingPrerequisite } from '../../infra/local/prerequisites.ts';
import { provision } from '../../infra/local/provision.ts';
import { testPeriodAcceleration } from './acceleration.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    cloudEnv: Record<string, string>;
    deadLetterQueues: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let emulators: Awaited<ReturnType<typeof startEmulators>>;
  try {
    emulators = await startEmulators();
  } catch (error) {
    // One clear line, with how to install what is missing, instead of a stack trace.
    if (error instanceof MissingPrerequisite) {
      process.stderr.write(`npm test: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  Object.assign(process.env, emulators.env);
  const provisioned = await provision('eproc-test');
  // Every function of every test cloud, and handlers imported directly, run at this acceleration.
  project.provide('cloudEnv', {
    ...emulators.env,
    ...provisioned.env,
    PERIOD_ACCELERATION: testPeriodAcceleration,
  });
  project.provide('deadLetterQueues', provisioned.deadLetterQueues);
  return () => emulators.stop();
}

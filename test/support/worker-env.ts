// Handlers imported directly by tests read the same settings the local runtime gives functions,
// naming this worker's own resources.
import { testPeriodAcceleration } from './acceleration.ts';
import { workerEnv } from './worker-resources.ts';

// Test files share a worker process, one after another (vitest.config.ts, `isolate: false`): each
// starts from the environment the worker had before the first file, whatever an earlier file set
// (a cloud of its own points the resource variables at its tables, startOwnCloud), and with
// Node's Buffer (the verify worker's modules put the browser's stand-in on the global object).
const slot = Symbol.for('eproc.test.initial-env');
const holder = globalThis as {
  [slot]?: { env: Record<string, string | undefined>; buffer: typeof Buffer };
};
holder[slot] ??= { env: { ...process.env }, buffer: globalThis.Buffer };
const initial = holder[slot];
for (const key of Object.keys(process.env)) if (!(key in initial.env)) delete process.env[key];
Object.assign(process.env, initial.env);
globalThis.Buffer = initial.buffer;

// PERIOD_ACCELERATION is in the worker's env already; named here too so no file runs unaccelerated by accident.
Object.assign(process.env, workerEnv(), {
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // Handlers imported in-process still record metrics; printing them as EMF drowned the output.
  POWERTOOLS_METRICS_DISABLED: 'true',
  PERIOD_ACCELERATION: testPeriodAcceleration,
});

// Handlers imported directly by tests read the same settings the local runtime gives functions,
// naming this worker's own resources.
import { testPeriodAcceleration } from './acceleration.ts';
import { workerEnv } from './worker-resources.ts';

// PERIOD_ACCELERATION is in the worker's env already; named here too so no file runs unaccelerated by accident.
Object.assign(process.env, workerEnv(), {
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // Handlers imported in-process still record metrics; printing them as EMF drowned the output.
  POWERTOOLS_METRICS_DISABLED: 'true',
  PERIOD_ACCELERATION: testPeriodAcceleration,
});

// Handlers imported directly by tests read the same settings the local runtime gives functions.
import { inject } from 'vitest';
import { testPeriodAcceleration } from './acceleration.ts';

// PERIOD_ACCELERATION is in cloudEnv already; named here too so no file runs unaccelerated by accident.
Object.assign(process.env, inject('cloudEnv'), {
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  PERIOD_ACCELERATION: testPeriodAcceleration,
});

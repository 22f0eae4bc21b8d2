// Handlers imported directly by tests read the same settings the local runtime gives functions,
// naming this worker's own resources.
import { workerEnv } from './worker-resources.ts';

Object.assign(process.env, workerEnv(), { POWERTOOLS_LOG_LEVEL: 'ERROR' });

// Handlers imported directly by tests read the same settings the local runtime gives functions.
import { inject } from 'vitest';

Object.assign(process.env, inject('cloudEnv'), { POWERTOOLS_LOG_LEVEL: 'ERROR' });

// Each vitest worker has resources of its own on the shared emulators (tables, buckets, queues and
// keys under `eproc-test-<pool id>`, provisioned once by the global setup), so test files run in
// parallel workers never see each other's items or consume each other's queue messages; files in
// one worker run one after another, as they all did when there was one worker.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Emulator endpoints and resource names, by worker (pool id). */
    workerEnvs: Record<string, Record<string, string>>;
    workerDeadLetterQueues: Record<string, Record<string, string>>;
  }
}

export const poolId = () => process.env.VITEST_POOL_ID ?? '1';

export const workerPrefix = (id = poolId()) => `eproc-test-${id}`;

export function workerEnv(): Record<string, string> {
  const env = inject('workerEnvs')[poolId()];
  if (!env) throw new Error(`no resources provisioned for vitest worker ${poolId()} (maxWorkers?)`);
  return env;
}

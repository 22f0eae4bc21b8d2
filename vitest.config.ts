import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/support/sequencer.ts';

// V8's compiled code for every module Node loads itself (node_modules, the AWS SDK above all, and
// the project's .ts in function workers and `npm start` children), kept on disk between processes:
// each of the suite's hundreds of function workers and child processes compiles them again
// otherwise (a handler's import: 0.60 → 0.28 CPU s). Node checks each entry against the source,
// so an edited file is compiled afresh. Set here, so the forks and everything they start inherit it.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'eproc-node-compile-cache');
enableCompileCache(process.env.NODE_COMPILE_CACHE);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // run-dir.ts: a scratch directory per run (what files compute once per run and share).
    globalSetup: ['test/support/global-setup.ts', 'test/support/run-dir.ts'],
    // EPROC_TEST_CPU=<file>: one line of CPU seconds per test file (test/support/cpu-per-file.ts).
    setupFiles: [
      'test/support/worker-env.ts',
      ...(process.env.EPROC_TEST_CPU ? ['test/support/cpu-per-file.ts'] : []),
    ],
    // Longest files first, from test/support/durations.json (sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    pool: 'forks',
    // A worker process runs its test files one after another in one module graph instead of a
    // fresh process each: the imports (the SDK, zod, the handlers) are paid once per worker, not
    // once per file (a fifth of the suite's CPU). Files do not share state through it: each starts
    // its own local cloud, the environment is reset between files (worker-env.ts), and the clock
    // is put back when a cloud stops.
    isolate: false,
    // Most tests wait on the emulators, not the CPU: more files at once than cores. Each worker
    // has resources of its own (test/support/worker-resources.ts).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

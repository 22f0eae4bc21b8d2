import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // EPROC_TEST_CPU=<file>: one line of CPU seconds per test file (test/support/cpu-per-file.ts).
    setupFiles: [
      'test/support/worker-env.ts',
      ...(process.env.EPROC_TEST_CPU ? ['test/support/cpu-per-file.ts'] : []),
    ],
    pool: 'forks',
    // Most tests wait on the emulators, not the CPU: more files at once than cores. Each worker
    // has resources of its own (test/support/worker-resources.ts).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

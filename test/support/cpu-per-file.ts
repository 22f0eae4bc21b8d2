// Where a test run's CPU goes, by file: with EPROC_TEST_CPU=<file> set, every test file appends
// one JSON line there, the CPU seconds its worker process spent (its own threads, function workers
// included, and children it reaped, such as `npm start`) from the file's first to last hook.
// The shared emulators' CPU is the main process's: `/usr/bin/time -v npx vitest run` shows it.
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';

const out = process.env.EPROC_TEST_CPU;
/** user+sys of this process and its waited-for children, in seconds (/proc/self/stat fields 14–17). */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After `pid (comm)`: state is field 3, so utime (14) … cstime (17) are indexes 11–14 here.
  const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
  return ticks / 100;
}

if (out) {
  let startedAt = 0;
  const atImport = cpuSeconds();
  beforeAll(() => {
    startedAt = cpuSeconds();
  });
  afterAll(() => {
    const end = cpuSeconds();
    const file = (expect.getState().testPath ?? '?').replace(`${process.cwd()}/`, '');
    appendFileSync(
      out,
      `${JSON.stringify({ file, cpu: +(end - atImport).toFixed(2), beforeTests: +(startedAt - atImport).toFixed(2), processTotal: +end.toFixed(2) })}\n`,
    );
  });
}

// `npm run test:durations`: runs the whole suite once and keeps each file's duration in
// test/support/durations.json, the order the next runs start files in (sequencer.ts). Worth
// re-running when files were added or grew; the order only changes how long a run takes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { durationsFile } from './sequencer.ts';

interface JsonReport {
  success: boolean;
  testResults: { name: string; startTime: number; endTime: number }[];
}

const root = new URL('../../', import.meta.url).pathname;
const report = join(mkdtempSync(join(tmpdir(), 'eproc-durations-')), 'vitest.json');
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const { success, testResults } = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
if (!success) {
  process.stderr.write('test:durations: the run failed; durations.json is left as it was\n');
  process.exit(run.status || 1);
}
const durations = Object.fromEntries(
  testResults
    .map(
      (file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 100) / 10] as const,
    )
    .sort(([a], [b]) => a.localeCompare(b)),
);
writeFileSync(durationsFile, `${JSON.stringify(durations, null, 2)}\n`);
process.stdout.write(`test:durations: ${testResults.length} files written to test/support/durations.json\n`);

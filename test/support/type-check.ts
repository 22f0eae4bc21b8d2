// `npm run check`'s type check: the project's and the portal's tsconfig, each a tsc of its own,
// at the same time (on two cores the pair takes the time of the longer instead of the sum). Each
// one's output is printed whole when it ends, so two reports never interleave; the exit code is
// non-zero when either found an error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = [['--noEmit'], ['--noEmit', '-p', 'portal']];

const runs = projects.map(
  (args) =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [tsc, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('close', (code) => {
        if (output.length > 0) process.stdout.write(Buffer.concat(output));
        resolve(code ?? 1);
      });
      child.on('error', (error) => {
        process.stderr.write(`tsc ${args.join(' ')}: ${error.message}\n`);
        resolve(1);
      });
    }),
);
const codes = await Promise.all(runs);
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join(import.meta.dirname, 'results');

/** Prints the figures as the last line of output and keeps a copy under bench/results/. */
export function report(figures: { bench: string } & Record<string, unknown>): void {
  mkdirSync(resultsDir, { recursive: true });
  const line = JSON.stringify(figures);
  writeFileSync(join(resultsDir, `${figures.bench}.json`), `${line}\n`);
  process.stdout.write(`${line}\n`);
}

/** Progress goes to stderr so that stdout's last line stays the JSON figures. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.max(0, rank)] as number;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

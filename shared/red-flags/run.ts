// Streams a JSONL file of compiled releases through the engine with bounded memory: one line is
// parsed at a time and dropped once folded. Invalid lines are reported as Cardinal reports them
// ("Line N is invalid JSON, skipping. [reason]") and skipped; blank lines are skipped silently.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type EngineOptions, FlagsEngine } from './engine.ts';
import type { Results } from './results.ts';
import type { Settings } from './settings.ts';

export interface RunOptions extends EngineOptions {
  /** Called once per line that is not JSON; default: a WARN line on stderr. */
  readonly invalidLine?: (lineNumber: number, reason: string) => void;
}

export interface RunSummary {
  readonly results: Results;
  readonly lines: number;
  readonly invalidLines: number;
}

export async function runFlags(
  input: Readable | string,
  settings: Settings | undefined,
  options: RunOptions = {},
): Promise<RunSummary> {
  const engine = new FlagsEngine(settings, options);
  const report =
    options.invalidLine ??
    ((n: number, reason: string) =>
      process.stderr.write(`WARN Line ${n} is invalid JSON, skipping. [${reason}]\n`));
  const stream = typeof input === 'string' ? createReadStream(input) : input;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let invalidLines = 0;
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const done = new Promise<void>((resolve) => lines.once('close', resolve));
  lines.on('line', (line) => {
    lineNumber += 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (line.trim() === '') return;
      invalidLines += 1;
      report(lineNumber, (error as Error).message);
      return;
    }
    engine.fold(value);
  });
  await Promise.race([done, failed]);
  return { results: engine.finish(), lines: lineNumber, invalidLines };
}

// Streams a JSONL file of compiled releases through the engine with bounded memory: one line is
// parsed at a time and dropped once folded. Invalid lines are reported as Cardinal reports them
// ("Line N is invalid JSON, skipping. [reason]") and skipped; blank lines are skipped silently.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type EngineOptions, FlagsEngine } from './engine.ts';
import { forEachLine } from './jsonl-lines.ts';
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
  // A 1 MB read size: fewer, larger chunks for the byte scanner (the default is 64 KB).
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  let invalidLines = 0;
  const lineNumber = await forEachLine(stream, (line, n) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (line.trim() === '') return;
      invalidLines += 1;
      report(n, (error as Error).message);
      return;
    }
    engine.fold(value);
  });
  return { results: engine.finish(), lines: lineNumber, invalidLines };
}

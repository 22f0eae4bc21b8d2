// `eproc flags <compiled-releases.jsonl> [--settings settings.ini] [--no-meta] [--count]`:
// Cardinal's `indicators` command. JSON results on stdout; warnings (invalid lines, currency
// mismatches) on stderr. Exit codes: 0 done, 2 bad arguments, an unreadable file or bad settings.
// "-" reads standard input. Without --settings every indicator runs with its defaults.

import { once } from 'node:events';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jsonChunks, parseSettings, runFlags, type Settings, SettingsError } from '../../red-flags/index.ts';

export const flagsUsage =
  'eproc flags <compiled-releases.jsonl | -> [--settings settings.ini] [--no-meta] [--count]';

const fail = (message: string): number => {
  process.stderr.write(`eproc flags: ${message}\n`);
  return 2;
};

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

const OPTIONS = {
  settings: { type: 'string', short: 's' },
  'no-meta': { type: 'boolean' },
  count: { type: 'boolean', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function flagsCommand(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return fail(`${(error as Error).message}\nusage: ${flagsUsage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${flagsUsage}\n`);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return fail(`expected one input file\nusage: ${flagsUsage}`);

  let settings: Settings | undefined;
  const settingsFile = parsed.values.settings;
  if (settingsFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(settingsFile, 'utf8');
    } catch (error) {
      return fail(`${settingsFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      settings = parseSettings(text, settingsFile);
    } catch (error) {
      if (error instanceof SettingsError) return fail(error.message);
      throw error;
    }
  }

  if (file !== '-') {
    try {
      if (statSync(file).isDirectory()) return fail(`${file}: Is a directory, not a file`);
      // Opening now turns a permission problem into exit 2 rather than a stream error later.
      closeSync(openSync(file, 'r'));
    } catch (error) {
      return fail(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  const { results } = await runFlags(file === '-' ? process.stdin : file, settings);
  for (const chunk of jsonChunks(results, { noMeta: parsed.values['no-meta'] === true })) await write(chunk);
  await write('\n');
  if (parsed.values.count) {
    for (const [group, ids] of results.groups)
      if (ids.size > 0) process.stderr.write(`${group}: ${ids.size}\n`);
  }
  return 0;
}

// The red-flag engine over the last bulk export: lines streamed from S3 (bounded memory: one line
// at a time, as the CLI reads a file), folded into the engine, then the flagged rows stored as a
// new run and served from then on. Runs once per export: a second call for the same export does
// nothing.
import { FlagsEngine } from '../red-flags/engine.ts';
import { defaultSettings, type Settings } from '../red-flags/settings.ts';
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import { readManifest } from './export-store.ts';
import { FlagNames, flagRows } from './flag-rows.ts';
import { currentFlagRun, deleteFlagRun, type FlagRun, storeFlagRows, switchFlagRun } from './flag-store.ts';
import { exportLines } from './read-export.ts';

export type FlagsOutcome =
  | { readonly status: 'computed'; readonly run: FlagRun }
  | { readonly status: 'unchanged'; readonly run: FlagRun }
  | { readonly status: 'no-export' };

export async function runExportFlags(settings: Settings = defaultSettings): Promise<FlagsOutcome> {
  const manifest = await readManifest();
  if (!manifest) return { status: 'no-export' };
  const current = await currentFlagRun();
  if (current?.exportRunId === manifest.runId) return { status: 'unchanged', run: current };

  const engine = new FlagsEngine(settings, { warn: (message) => logger.warn('red flags', { message }) });
  const names = new FlagNames();
  let releases = 0;
  let invalidLines = 0;
  for await (const line of exportLines(manifest)) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalidLines += 1;
      continue;
    }
    releases += 1;
    engine.fold(value);
    names.fold(value);
  }
  engine.finish();
  // The run is named after its export: recomputing the same export lands on the same rows.
  const runId = manifest.runId;
  const flags = await storeFlagRows(runId, flagRows(engine, settings, names));
  const run: FlagRun = {
    runId,
    exportRunId: manifest.runId,
    exportedAt: manifest.startedAt,
    computedAt: clock.iso(),
    releases,
    invalidLines,
    flags,
  };
  await switchFlagRun(run);
  if (current && current.runId !== runId) await deleteFlagRun(current.runId);
  logger.info('red flags computed', { runId, releases, flags });
  return { status: 'computed', run };
}

import { FlagsEngine, parseSettings, toJsonText } from '../../shared/red-flags/index.ts';

/** Runs the engine over releases with an INI text (default: every indicator) and returns the output object. */
export function flags(
  releases: readonly unknown[],
  ini?: string,
  options: { meta?: boolean } = {},
): Record<string, Record<string, Record<string, number | null>>> {
  const warnings: string[] = [];
  const engine = new FlagsEngine(ini === undefined ? undefined : parseSettings(ini), {
    warn: (m) => warnings.push(m),
  });
  for (const release of releases) engine.fold(release);
  return JSON.parse(toJsonText(engine.finish(), { noMeta: options.meta !== true }));
}

export const bid = (tenderer: string | string[], status: string, amount?: number, currency = 'VND') => ({
  status,
  tenderers: (Array.isArray(tenderer) ? tenderer : [tenderer]).map((id) => ({ id })),
  ...(amount === undefined ? {} : { value: { amount, currency } }),
});

export const award = (supplier: string | string[], status = 'active') => ({
  status,
  suppliers: (Array.isArray(supplier) ? supplier : [supplier]).map((id) => ({ id })),
});

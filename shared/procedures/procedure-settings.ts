// A stage may override any procedure number with a setting named after it
// (PROCEDURE_<PROCEDURE>_<NUMBER>, e.g. PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC=21), within
// the declared range. One check, driven by the declarations, reads them: at a function's
// cold start (effective-procedures.ts) and at `cdk synth` (infra/stacks/stage-config.ts), so a
// value out of range fails naming the setting.
import type { ProcedureId, RuleSettingKey, SettingDeclaration } from './procedure-schema.ts';
import { ruleSettingKeys } from './procedure-schema.ts';
import { availableProcedures } from './procedures.ts';

export type RuleValues = Readonly<Record<RuleSettingKey, number>>;
export type ProcedureValues = Readonly<Partial<Record<ProcedureId, RuleValues>>>;

const screaming = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();

/** The setting (environment variable) that overrides one number of one procedure. */
export const settingName = (procedure: ProcedureId, key: RuleSettingKey) =>
  `PROCEDURE_${screaming(procedure)}_${screaming(key)}`;

/** Every procedure setting name (for strict-settings checks: these are known settings). */
export const procedureSettingNames = (): string[] =>
  availableProcedures.flatMap((p) => ruleSettingKeys.map((key) => settingName(p.id, key)));

/** One setting's value: the default when absent, else a number within the declared range. */
function numberSetting(
  name: string,
  declared: SettingDeclaration,
  raw: string | undefined,
  problems: string[],
): number {
  if (raw === undefined) return declared.default;
  const n = Number(raw);
  const range = `must be ${declared.min}-${declared.max} ${declared.unit} (${declared.basis})`;
  if (raw.trim() === '' || !Number.isFinite(n)) problems.push(`${name}: must be a number`);
  else if (declared.integer && !Number.isInteger(n)) problems.push(`${name}: must be a whole number`);
  else if (n < declared.min || n > declared.max) problems.push(`${name}: ${range}`);
  return n;
}

const pairs: readonly [RuleSettingKey, RuleSettingKey][] = [
  ['bidSecurityMinPercent', 'bidSecurityMaxPercent'],
  ['bidSecurityMinPercentSmall', 'bidSecurityMaxPercentSmall'],
];

/**
 * The numbers of every available procedure on a stage whose settings are `env`; throws naming a
 * bad one. Plain checks rather than a zod schema: this runs at every cold start, and building and
 * compiling a schema of some hundred fields for one parse took longer than the checks themselves.
 */
export function procedureValuesFrom(env: Readonly<Record<string, string | undefined>>): ProcedureValues {
  const values: Partial<Record<ProcedureId, RuleValues>> = {};
  const problems: string[] = [];
  for (const p of availableProcedures) {
    const own = {} as Record<RuleSettingKey, number>;
    for (const key of ruleSettingKeys) {
      const name = settingName(p.id, key);
      own[key] = numberSetting(name, p.settings[key], env[name], problems);
    }
    for (const [low, high] of pairs) {
      if (own[low] > own[high]) {
        problems.push(`${settingName(p.id, low)}: must not exceed ${settingName(p.id, high)}`);
      }
    }
    values[p.id] = own;
  }
  if (problems.length > 0) throw new Error(`invalid settings: ${problems.join('; ')}`);
  return values;
}

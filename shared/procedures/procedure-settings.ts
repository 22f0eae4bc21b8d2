// A stage may override any procedure number with a setting named after it
// (PROCEDURE_<PROCEDURE>_<NUMBER>, e.g. PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC=21), within
// the declared range. One zod schema, built from the declarations, checks them: at a function's
// cold start (effective-procedures.ts) and at `cdk synth` (infra/stacks/stage-config.ts), so a
// value out of range fails naming the setting.
import * as z from 'zod';
import type {
  AvailableProcedure,
  ProcedureId,
  RuleSettingKey,
  SettingDeclaration,
} from './procedure-schema.ts';
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

function numberSetting(declared: SettingDeclaration) {
  let n = z.coerce.number();
  if (declared.integer) n = n.int('must be a whole number');
  const range = `must be ${declared.min}-${declared.max} ${declared.unit} (${declared.basis})`;
  return n.min(declared.min, range).max(declared.max, range).default(declared.default);
}

const pairs: readonly [RuleSettingKey, RuleSettingKey][] = [
  ['bidSecurityMinPercent', 'bidSecurityMaxPercent'],
  ['bidSecurityMinPercentSmall', 'bidSecurityMaxPercentSmall'],
];

function procedureSchema(p: AvailableProcedure) {
  const shape = Object.fromEntries(
    ruleSettingKeys.map((key) => [settingName(p.id, key), numberSetting(p.settings[key])]),
  );
  return z.object(shape).superRefine((values, ctx) => {
    for (const [low, high] of pairs) {
      const lowName = settingName(p.id, low);
      const highName = settingName(p.id, high);
      if ((values[lowName] as number) > (values[highName] as number)) {
        ctx.addIssue({ code: 'custom', path: [lowName], message: `must not exceed ${highName}` });
      }
    }
  });
}

/** The numbers of every available procedure on a stage whose settings are `env`; throws naming a bad one. */
export function procedureValuesFrom(env: Readonly<Record<string, string | undefined>>): ProcedureValues {
  const values: Partial<Record<ProcedureId, RuleValues>> = {};
  const problems: string[] = [];
  for (const p of availableProcedures) {
    const parsed = procedureSchema(p).safeParse(env);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      continue;
    }
    const data = parsed.data as Record<string, number>;
    values[p.id] = Object.fromEntries(
      ruleSettingKeys.map((key) => [key, data[settingName(p.id, key)] as number]),
    ) as RuleValues;
  }
  if (problems.length > 0) throw new Error(`invalid settings: ${problems.join('; ')}`);
  return values;
}

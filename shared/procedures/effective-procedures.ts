// The procedures as this stage runs them: the declarations with the stage's overrides
// (procedure-settings.ts) and PERIOD_ACCELERATION, read once at cold start like every setting.
import { settings } from '../config/settings.ts';
import { periodMs } from './periods.ts';
import type { ProcedureRules } from './procedure-rules.ts';
import { type ProcedureId, type ProcedureList, periodUnits, ruleSettingKeys } from './procedure-schema.ts';
import { type ProcedureValues, procedureValuesFrom, settingName } from './procedure-settings.ts';
import { availableProcedure, procedureDeclarations } from './procedures.ts';

const values: ProcedureValues = procedureValuesFrom(process.env);

/** The rules of the procedure a tender names (its procurementMethod). */
export function rulesFor(
  procedure: ProcedureId,
  acceleration = settings.PERIOD_ACCELERATION,
): ProcedureRules {
  const declared = values[procedure];
  if (!declared) throw new Error(`procedure ${procedure} is not available`);
  return { procedure: availableProcedure(procedure), values: declared, acceleration };
}

/** What GET /procedures serves: every declaration, available ones with their numbers here. */
export function procedureList(acceleration = settings.PERIOD_ACCELERATION): ProcedureList {
  return {
    acceleration,
    items: procedureDeclarations.map((p) => {
      const base = { id: p.id, name: p.name, nameVi: p.nameVi, basis: p.basis, available: p.available };
      if (!p.available) return { ...base, note: p.note };
      const stageValues = values[p.id] as NonNullable<ProcedureValues[ProcedureId]>;
      return {
        ...base,
        envelopeProcedures: [...p.envelopeProcedures],
        biddingScopes: [...p.biddingScopes],
        categories: [...p.categories],
        settings: Object.fromEntries(
          ruleSettingKeys.map((key) => {
            const declared = p.settings[key];
            const value = stageValues[key];
            const ms =
              declared.period !== false && periodUnits.includes(declared.unit)
                ? periodMs(value, declared.unit as 'days' | 'working-days', acceleration)
                : undefined;
            return [
              key,
              {
                value,
                default: declared.default,
                min: declared.min,
                max: declared.max,
                unit: declared.unit,
                basis: declared.basis,
                description: declared.description,
                setting: settingName(p.id, key),
                ...(ms === undefined ? {} : { effectiveMs: ms }),
              },
            ];
          }),
        ) as NonNullable<ProcedureList['items'][number]['settings']>,
      };
    }),
  };
}

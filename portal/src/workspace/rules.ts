// The procedure's numbers as GET /procedures serves them, fed to the same rule functions the API
// decides with (shared/procedures/procedure-rules.ts), so the hints beside a field and the
// amendment's extension shown before confirming are the server's own arithmetic, not a copy.
import { addPeriod } from '../../../shared/procedures/periods.ts';
import {
  type AmendmentExtension,
  amendmentExtension,
  clarificationCutoffWorkingDays,
  isSmallPackage,
  minSubmissionDays,
  type ProcedureFields,
  type ProcedureRules,
} from '../../../shared/procedures/procedure-rules.ts';
import type { RuleSettingKey } from '../../../shared/procedures/procedure-schema.ts';
import type { RuleValues } from '../../../shared/procedures/procedure-settings.ts';
import type { Procedure } from './api';

export function valuesOf(procedure: Procedure): RuleValues {
  const values = {} as Record<RuleSettingKey, number>;
  for (const [key, setting] of Object.entries(procedure.settings ?? {})) {
    values[key as RuleSettingKey] = setting.value;
  }
  return values;
}

/** The rule functions read only the numbers and the acceleration, never the declaration itself. */
const rulesOf = (values: RuleValues, acceleration: number) =>
  ({ values, acceleration }) as unknown as ProcedureRules;

export interface DeadlineHints {
  readonly small: boolean;
  readonly minSubmissionDays: number;
  /** The earliest closing if published now. */
  readonly earliestSubmission: string;
  readonly cutoffWorkingDays: number;
  /** The latest questions deadline for the closing given (undefined without one). */
  readonly latestQuestions?: string;
  readonly securityMinPercent: number;
  readonly securityMaxPercent: number;
}

/** The latest instant from which n working days still end by `to` (same time of day, whole days back). */
function latestBefore(to: string, n: number, acceleration: number): string | undefined {
  const dayMs = 86_400_000;
  for (let back = 0; back <= 60; back++) {
    const candidate = new Date(Date.parse(to) - Math.ceil((back * dayMs) / acceleration)).toISOString();
    if (Date.parse(addPeriod(candidate, n, 'working-days', acceleration)) <= Date.parse(to)) return candidate;
  }
  return undefined;
}

export function deadlineHints(
  t: ProcedureFields,
  procedure: Procedure,
  acceleration: number,
  nowMs: number,
): DeadlineHints {
  const values = valuesOf(procedure);
  const small = isSmallPackage(t, values);
  const days = minSubmissionDays(t, values);
  const cutoff = clarificationCutoffWorkingDays(t, values);
  const validDeadline = !Number.isNaN(Date.parse(t.submissionDeadline));
  const latest = validDeadline ? latestBefore(t.submissionDeadline, cutoff, acceleration) : undefined;
  return {
    small,
    minSubmissionDays: days,
    earliestSubmission: addPeriod(new Date(nowMs).toISOString(), days, 'days', acceleration),
    cutoffWorkingDays: cutoff,
    ...(latest ? { latestQuestions: latest } : {}),
    securityMinPercent: small ? values.bidSecurityMinPercentSmall : values.bidSecurityMinPercent,
    securityMaxPercent: small ? values.bidSecurityMaxPercentSmall : values.bidSecurityMaxPercent,
  };
}

/** The amendment rule's extension if the amendment were made at nowMs: what the API will do. */
export function previewExtension(
  t: ProcedureFields,
  procedure: Procedure,
  acceleration: number,
  nowMs: number,
): AmendmentExtension | undefined {
  if (Number.isNaN(Date.parse(t.submissionDeadline))) return undefined;
  return amendmentExtension(t, new Date(nowMs).toISOString(), rulesOf(valuesOf(procedure), acceleration));
}

export function amendmentPeriodOf(t: ProcedureFields, procedure: Procedure) {
  const values = valuesOf(procedure);
  return isSmallPackage(t, values)
    ? { n: values.amendmentMinWorkingDaysSmall, unit: 'working-days' as const }
    : { n: values.amendmentMinDays, unit: 'days' as const };
}

// Procedure rule breaks as the client sees them: 422 PROCEDURE_RULE_BROKEN, one errors[] entry per
// break naming the field, the rule, its limit and the value given.
import { type FieldIssue as FieldError, RuleBroken } from '../errors/domain-error.ts';
import type { RuleBreak } from './procedure-rules.ts';

export const procedureRuleCode = 'PROCEDURE_RULE_BROKEN' as const;

export function ruleFieldErrors(breaks: readonly RuleBreak[], prefix: string): FieldError[] {
  return breaks.map((b) => ({
    field: [prefix, ...b.path.map(String)].join('.'),
    message: b.message,
    code: procedureRuleCode,
    rule: b.rule,
    limit: b.limit,
    value: b.value,
    ...(b.unit ? { unit: b.unit } : {}),
  }));
}

/** Throws the 422 when there is any break; `prefix` names where the fields came from (`body`, `tender`). */
export function throwIfRuleBreaks(breaks: readonly RuleBreak[], prefix: string, detail: string): void {
  if (breaks.length === 0) return;
  const errors = ruleFieldErrors(breaks, prefix);
  throw new RuleBroken(
    procedureRuleCode,
    `${detail}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    {
      errors,
    },
  );
}

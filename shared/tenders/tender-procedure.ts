// A tender under its procedure's rules (shared/procedures/): the checks at draft, publication and
// amendment, and the amendment rule's deadline extension.
import { rulesFor } from '../procedures/effective-procedures.ts';
import {
  type AmendmentExtension,
  amendmentExtension,
  type ProcedureRules,
  procedureRuleBreaks,
} from '../procedures/procedure-rules.ts';
import { throwIfRuleBreaks } from '../procedures/rule-problem.ts';
import type { Tender, TenderCreate } from './tender-schemas.ts';

type RuledTender = Pick<
  Tender,
  | 'procurementMethod'
  | 'category'
  | 'envelopeProcedure'
  | 'currency'
  | 'minBids'
  | 'lots'
  | 'submissionDeadline'
  | 'questionsDeadline'
> & { readonly biddingScope?: Tender['biddingScope'] | undefined };

export const tenderRules = (t: Pick<Tender, 'procurementMethod'>): ProcedureRules =>
  rulesFor(t.procurementMethod);

/**
 * 422 PROCEDURE_RULE_BROKEN when the tender breaks its procedure's rules, the submission period
 * counted from `publishedAt` (a draft: from now, the earliest it could be published).
 */
export function refuseProcedureBreaks(
  t: RuledTender | TenderCreate,
  publishedAt: string,
  prefix: string,
  detail = "the tender breaks its procedure's rules",
): void {
  throwIfRuleBreaks(procedureRuleBreaks(t, publishedAt, tenderRules(t)), prefix, detail);
}

/** The amendment rule: the deadline this amendment must move to, if any. */
export const amendmentDeadlineExtension = (t: RuledTender, now: string): AmendmentExtension | undefined =>
  amendmentExtension(t, now, tenderRules(t));

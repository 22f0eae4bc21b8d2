// Rules that tie a tender's fields together, checked on every create, edit and amendment, so a
// stored tender is always consistent. Each issue names the field to fix.
import { type TenderSettings, tenderSettings } from './tender-settings.ts';

export interface RuleIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** The fields the rules read; any tender shape (input or stored) has them. */
export interface RuleFields {
  readonly category: string;
  readonly evaluation: {
    readonly method: string;
    readonly technicalWeight?: number | undefined;
    readonly priceWeight?: number | undefined;
    readonly minTechnicalScore?: number | undefined;
  };
  readonly lots: readonly { readonly estimatedValue: number; readonly bidSecurityAmount: number }[];
  readonly bidValidityDays: number;
  readonly submissionDeadline: string;
  readonly questionsDeadline: string;
}

// Law on Bidding 2023 Art. 58 (goods, works, non-consulting) and Art. 59 (consulting).
const methodsByCategory: Record<string, readonly string[]> = {
  goods: ['lowest-price', 'evaluated-price', 'combined'],
  works: ['lowest-price', 'evaluated-price', 'combined'],
  'non-consulting': ['lowest-price', 'evaluated-price', 'combined'],
  consulting: ['lowest-price', 'combined', 'technical-score'],
};

export function tenderIssues(t: RuleFields, rules: TenderSettings = tenderSettings): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const { method, technicalWeight, priceWeight, minTechnicalScore } = t.evaluation;

  const allowed = methodsByCategory[t.category] ?? [];
  if (!allowed.includes(method)) {
    add(['evaluation', 'method'], `${t.category} tenders are evaluated by ${allowed.join(', ')}`);
  }
  if (method === 'combined') {
    if (technicalWeight === undefined) add(['evaluation', 'technicalWeight'], 'combined evaluation needs it');
    if (priceWeight === undefined) add(['evaluation', 'priceWeight'], 'combined evaluation needs it');
    if (technicalWeight !== undefined && priceWeight !== undefined && technicalWeight + priceWeight !== 100) {
      add(['evaluation', 'priceWeight'], 'technicalWeight and priceWeight must add up to 100');
    }
    if (
      t.category === 'consulting' &&
      technicalWeight !== undefined &&
      (technicalWeight < rules.CONSULTING_TECHNICAL_WEIGHT_MIN ||
        technicalWeight > rules.CONSULTING_TECHNICAL_WEIGHT_MAX)
    ) {
      add(
        ['evaluation', 'technicalWeight'],
        `consulting weighs the technical score ${rules.CONSULTING_TECHNICAL_WEIGHT_MIN}-${rules.CONSULTING_TECHNICAL_WEIGHT_MAX} %`,
      );
    }
  } else {
    if (technicalWeight !== undefined) add(['evaluation', 'technicalWeight'], `${method} takes no weights`);
    if (priceWeight !== undefined) add(['evaluation', 'priceWeight'], `${method} takes no weights`);
  }
  if (method === 'technical-score' && minTechnicalScore === undefined) {
    add(['evaluation', 'minTechnicalScore'], 'technical-score evaluation needs a pass mark');
  }
  if (method !== 'technical-score' && method !== 'combined' && minTechnicalScore !== undefined) {
    add(['evaluation', 'minTechnicalScore'], `${method} has pass/fail technical evaluation, no score`);
  }

  if (t.bidValidityDays > rules.BID_VALIDITY_MAX_DAYS) {
    add(['bidValidityDays'], `must be at most ${rules.BID_VALIDITY_MAX_DAYS} days`);
  }
  // Bid security, periods and cut-offs are the procedure's rules (shared/procedures/procedure-rules.ts).
  if (Date.parse(t.questionsDeadline) >= Date.parse(t.submissionDeadline)) {
    add(['questionsDeadline'], 'must be before the submission deadline');
  }
  return issues;
}

/** What must also hold at the moment of publication (the procedure's periods: procedure-rules.ts). */
export function publicationIssues(t: RuleFields, nowMs: number): RuleIssue[] {
  const issues = tenderIssues(t);
  const deadline = Date.parse(t.submissionDeadline);
  if (deadline <= nowMs) {
    issues.push({ path: ['submissionDeadline'], message: 'must be in the future to publish' });
  }
  if (Date.parse(t.questionsDeadline) <= nowMs) {
    issues.push({ path: ['questionsDeadline'], message: 'must be in the future to publish' });
  }
  return issues;
}

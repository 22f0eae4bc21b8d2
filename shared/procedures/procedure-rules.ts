// The rules a tender must keep under its procedure, as pure functions of the tender, an instant
// and the procedure's numbers on this stage. Each break names the field, a stable rule id, the
// limit and the value given, in the rule's unit (scaled back to the law's unit when accelerated).
import { addPeriod, measurePeriod, type PeriodUnit } from './periods.ts';
import type { AvailableProcedure, BiddingScope, SettingUnit } from './procedure-schema.ts';
import type { RuleValues } from './procedure-settings.ts';

export const ruleIds = [
  'envelope-procedure',
  'bidding-scope',
  'procedure-category',
  'min-bids',
  'bid-security-min',
  'bid-security-max',
  'min-submission-period',
  'clarification-cutoff',
  'clarification-answer-cutoff',
  'amendment-period',
] as const;
export type RuleId = (typeof ruleIds)[number];

export interface RuleBreak {
  readonly path: (string | number)[];
  readonly rule: RuleId;
  readonly message: string;
  readonly limit: number | readonly string[];
  readonly value: number | string;
  readonly unit?: SettingUnit;
}

/** A procedure with its numbers on this stage and the stage's acceleration. */
export interface ProcedureRules {
  readonly procedure: AvailableProcedure;
  readonly values: RuleValues;
  readonly acceleration: number;
}

/** The fields the procedure rules read; stored tenders from before biddingScope are domestic. */
export interface ProcedureFields {
  readonly category: string;
  readonly envelopeProcedure: string;
  readonly biddingScope?: BiddingScope | undefined;
  readonly currency: string;
  readonly minBids: number;
  readonly lots: readonly { readonly estimatedValue: number; readonly bidSecurityAmount: number }[];
  readonly submissionDeadline: string;
  readonly questionsDeadline: string;
}

const scopeOf = (t: Pick<ProcedureFields, 'biddingScope'>): BiddingScope => t.biddingScope ?? 'domestic';

/**
 * Small package: works ≤ VND 20 bn, goods or non-consulting ≤ VND 10 bn (the package's value is
 * the sum of its lots). Consulting has no small-package threshold. Thresholds are in VND, and the
 * system holds no exchange rate, so a package priced in another currency is never small.
 */
export function isSmallPackage(
  t: Pick<ProcedureFields, 'category' | 'currency' | 'lots'>,
  values: RuleValues,
) {
  if (t.currency !== 'VND') return false;
  const threshold =
    t.category === 'works'
      ? values.smallPackageMaxWorks
      : t.category === 'goods'
        ? values.smallPackageMaxGoods
        : t.category === 'non-consulting'
          ? values.smallPackageMaxNonConsulting
          : undefined;
  if (threshold === undefined) return false;
  const total = t.lots.reduce((sum, lot) => sum + BigInt(lot.estimatedValue), 0n);
  return total <= BigInt(threshold);
}

/** Minimum days from publication to closing for this tender. */
export function minSubmissionDays(t: ProcedureFields, values: RuleValues): number {
  const small = isSmallPackage(t, values);
  if (scopeOf(t) === 'international') {
    return small ? values.minSubmissionDaysInternationalSmall : values.minSubmissionDaysInternational;
  }
  return small ? values.minSubmissionDaysDomesticSmall : values.minSubmissionDaysDomestic;
}

export function clarificationCutoffWorkingDays(t: ProcedureFields, values: RuleValues): number {
  return scopeOf(t) === 'international'
    ? values.clarificationCutoffWorkingDaysInternational
    : values.clarificationCutoffWorkingDaysDomestic;
}

/** The amendment rule's period for this tender: 10 days, or 3 working days for a small package. */
export function amendmentPeriod(t: ProcedureFields, values: RuleValues): { n: number; unit: PeriodUnit } {
  return isSmallPackage(t, values)
    ? { n: values.amendmentMinWorkingDaysSmall, unit: 'working-days' }
    : { n: values.amendmentMinDays, unit: 'days' };
}

const unitText = (unit: PeriodUnit) => (unit === 'days' ? 'days' : 'working days');
const accelerated = (a: number) => (a === 1 ? '' : ` (periods accelerated ${a}×)`);

/** Is `from` + n units no later than `to`? */
const fits = (from: string, n: number, unit: PeriodUnit, to: string, a: number) =>
  Date.parse(addPeriod(from, n, unit, a)) <= Date.parse(to);

const basisPoints = (percent: number) => BigInt(Math.round(percent * 100));

/** Rules that hold whatever the time: envelope, scope, category, minimum bids, bid security, cut-off. */
export function staticRuleBreaks(t: ProcedureFields, rules: ProcedureRules): RuleBreak[] {
  const { procedure, values, acceleration } = rules;
  const breaks: RuleBreak[] = [];
  const member = (path: string, rule: RuleId, allowed: readonly string[], value: string, what: string) => {
    if (!allowed.includes(value)) {
      breaks.push({
        path: [path],
        rule,
        message: `${procedure.name} allows ${what}: ${allowed.join(', ')}`,
        limit: allowed,
        value,
      });
    }
  };
  member(
    'envelopeProcedure',
    'envelope-procedure',
    procedure.envelopeProcedures,
    t.envelopeProcedure,
    'envelope procedures',
  );
  member('biddingScope', 'bidding-scope', procedure.biddingScopes, scopeOf(t), 'bidding');
  member('category', 'procedure-category', procedure.categories, t.category, 'categories');
  if (t.minBids < values.minBids) {
    breaks.push({
      path: ['minBids'],
      rule: 'min-bids',
      message: `must be at least ${values.minBids}`,
      limit: values.minBids,
      value: t.minBids,
      unit: 'bids',
    });
  }

  const small = isSmallPackage(t, values);
  const low = small ? values.bidSecurityMinPercentSmall : values.bidSecurityMinPercent;
  const high = small ? values.bidSecurityMaxPercentSmall : values.bidSecurityMaxPercent;
  const size = small ? 'a small package' : 'this package';
  t.lots.forEach((lot, i) => {
    // 0 means the documents ask no bid security. BigInt: amounts go up to 2^53.
    if (lot.bidSecurityAmount === 0 || lot.estimatedValue === 0) return;
    const security = BigInt(lot.bidSecurityAmount) * 10_000n;
    const value = BigInt(lot.estimatedValue);
    const percent = Math.round((lot.bidSecurityAmount / lot.estimatedValue) * 10_000) / 100;
    const path = ['lots', i, 'bidSecurityAmount'];
    if (security < value * basisPoints(low)) {
      breaks.push({
        path,
        rule: 'bid-security-min',
        message: `must be at least ${low} % of the lot's estimated value for ${size} (or 0 for none)`,
        limit: low,
        value: percent,
        unit: 'percent',
      });
    } else if (security > value * basisPoints(high)) {
      breaks.push({
        path,
        rule: 'bid-security-max',
        message: `must be at most ${high} % of the lot's estimated value for ${size}`,
        limit: high,
        value: percent,
        unit: 'percent',
      });
    }
  });

  const cutoff = clarificationCutoffWorkingDays(t, values);
  if (
    Date.parse(t.questionsDeadline) < Date.parse(t.submissionDeadline) &&
    !fits(t.questionsDeadline, cutoff, 'working-days', t.submissionDeadline, acceleration)
  ) {
    breaks.push({
      path: ['questionsDeadline'],
      rule: 'clarification-cutoff',
      message: `must be at least ${cutoff} working days before the submission deadline (${scopeOf(t)} bidding)${accelerated(acceleration)}`,
      limit: cutoff,
      value: measurePeriod(t.questionsDeadline, t.submissionDeadline, 'working-days', acceleration),
      unit: 'working-days',
    });
  }
  return breaks;
}

/** The minimum submission period, counted from publication (or from now, for a draft). */
export function submissionPeriodBreak(
  t: ProcedureFields,
  publishedAt: string,
  rules: ProcedureRules,
): RuleBreak | undefined {
  const { values, acceleration } = rules;
  const days = minSubmissionDays(t, values);
  if (fits(publishedAt, days, 'days', t.submissionDeadline, acceleration)) return undefined;
  const small = isSmallPackage(t, values) ? ', small package' : '';
  return {
    path: ['submissionDeadline'],
    rule: 'min-submission-period',
    message: `must be at least ${days} days after publication (${scopeOf(t)} bidding${small})${accelerated(acceleration)}`,
    limit: days,
    value: measurePeriod(publishedAt, t.submissionDeadline, 'days', acceleration),
    unit: 'days',
  };
}

/** Every rule, for a tender published (or to be published) at `publishedAt`. */
export function procedureRuleBreaks(
  t: ProcedureFields,
  publishedAt: string,
  rules: ProcedureRules,
): RuleBreak[] {
  const period = submissionPeriodBreak(t, publishedAt, rules);
  return [...(period ? [period] : []), ...staticRuleBreaks(t, rules)];
}

export interface AmendmentExtension {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly rule: 'amendment-period';
  readonly limit: number;
  readonly unit: PeriodUnit;
}

/**
 * ND 214 Art. 28(2)(b): an amendment is posted at least 10 days (small package: 3 working days)
 * before closing; otherwise closing moves to exactly that long after the amendment.
 */
export function amendmentExtension(
  t: ProcedureFields,
  now: string,
  rules: ProcedureRules,
): AmendmentExtension | undefined {
  const { n, unit } = amendmentPeriod(t, rules.values);
  const earliest = addPeriod(now, n, unit, rules.acceleration);
  if (Date.parse(t.submissionDeadline) >= Date.parse(earliest)) return undefined;
  return {
    from: t.submissionDeadline,
    to: earliest,
    reason: `the amendment left fewer than ${n} ${unitText(unit)} before the deadline, so the deadline moved to ${n} ${unitText(unit)} after it (ND 214/2025 Art. 28(2)(b))${accelerated(rules.acceleration)}`,
    rule: 'amendment-period',
    limit: n,
    unit,
  };
}

/** Questions may be asked until the tender's questionsDeadline and while the cut-off still allows. */
export function questionsOpen(t: ProcedureFields, now: string, rules: ProcedureRules): boolean {
  if (Date.parse(now) >= Date.parse(t.questionsDeadline)) return false;
  const cutoff = clarificationCutoffWorkingDays(t, rules.values);
  return fits(now, cutoff, 'working-days', t.submissionDeadline, rules.acceleration);
}

/** Answers are posted no later than 2 working days before closing. */
export function answerCutoffBreak(
  t: ProcedureFields,
  now: string,
  rules: ProcedureRules,
): RuleBreak | undefined {
  const n = rules.values.answerCutoffWorkingDays;
  if (fits(now, n, 'working-days', t.submissionDeadline, rules.acceleration)) return undefined;
  return {
    path: ['submissionDeadline'],
    rule: 'clarification-answer-cutoff',
    message: `answers are posted at least ${n} working days before the submission deadline: amend the tender (which extends the deadline) to answer${accelerated(rules.acceleration)}`,
    limit: n,
    value: measurePeriod(now, t.submissionDeadline, 'working-days', rules.acceleration),
    unit: 'working-days',
  };
}

/** Petitions against the results: filed within 10 days of their posting. */
export const petitionFilingEndsAt = (resultsAt: string, rules: ProcedureRules) =>
  addPeriod(resultsAt, rules.values.petitionFilingDays, 'days', rules.acceleration);

/** The procuring entity answers a petition within 7 working days of its filing. */
export const petitionAnswerDueBy = (filedAt: string, rules: ProcedureRules) =>
  addPeriod(filedAt, rules.values.petitionAnswerWorkingDays, 'working-days', rules.acceleration);

/** A petitioner escalates within 5 working days of the answer. */
export const petitionEscalationEndsAt = (answeredAt: string, rules: ProcedureRules) =>
  addPeriod(answeredAt, rules.values.petitionEscalationWorkingDays, 'working-days', rules.acceleration);

/** With no bid at closing, the earliest new closing when extending (ND 214 Art. 140(4)). */
export const noBidsEarliestExtension = (closedAt: string, rules: ProcedureRules) =>
  addPeriod(closedAt, rules.values.noBidsExtensionWorkingDays, 'working-days', rules.acceleration);

/** Bid security must stay valid this many days: the bid validity plus 30. */
export const bidSecurityValidityDays = (t: { readonly bidValidityDays: number }, rules: ProcedureRules) =>
  t.bidValidityDays + rules.values.bidSecurityValidityExtraDays;

// The procedure rules as pure functions, at each boundary: one day short, exactly the limit,
// small and large package, domestic and international; the settings' ranges; acceleration.
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { procedureList } from '../../shared/procedures/effective-procedures.ts';
import {
  answerCutoffBreak,
  type ProcedureFields,
  type ProcedureRules,
  procedureRuleBreaks,
  questionsOpen,
  staticRuleBreaks,
  submissionPeriodBreak,
} from '../../shared/procedures/procedure-rules.ts';
import { procedureValuesFrom } from '../../shared/procedures/procedure-settings.ts';
import {
  availableProcedure,
  availableProcedures,
  ProcurementMethod,
} from '../../shared/procedures/procedures.ts';

const dayMs = 86_400_000;
const values = procedureValuesFrom({});
const rules = (id: 'open' | 'competitive-shopping' = 'open', acceleration = 1): ProcedureRules => ({
  procedure: availableProcedure(id),
  values: values[id]!,
  acceleration,
});
const publishedAt = '2026-03-02T03:00:00.000Z'; // a Monday, 10:00 in Hà Nội
const later = (ms: number, from = publishedAt) => new Date(Date.parse(from) + ms).toISOString();

// Goods: VND 10 bn is the largest small package, 10 bn + 1 is large.
const tender = (overrides: Partial<ProcedureFields> = {}): ProcedureFields => ({
  category: 'goods',
  envelopeProcedure: 'one-envelope',
  biddingScope: 'domestic',
  currency: 'VND',
  minBids: 1,
  lots: [{ estimatedValue: 10_000_000_000, bidSecurityAmount: 0 }],
  submissionDeadline: later(60 * dayMs),
  questionsDeadline: later(30 * dayMs),
  ...overrides,
});
const large = [{ estimatedValue: 10_000_000_001, bidSecurityAmount: 0 }];

describe('minimum submission period', () => {
  it.each([
    ['domestic', 'small', 9],
    ['domestic', 'large', 18],
    ['international', 'small', 18],
    ['international', 'large', 35],
  ] as const)(
    '%s, %s package: %i days, exactly the limit passes and a day short fails',
    (scope, size, days) => {
      const base = { biddingScope: scope, ...(size === 'large' ? { lots: large } : {}) };
      const exact = tender({ ...base, submissionDeadline: later(days * dayMs) });
      expect(submissionPeriodBreak(exact, publishedAt, rules())).toBeUndefined();
      const short = tender({ ...base, submissionDeadline: later((days - 1) * dayMs) });
      expect(submissionPeriodBreak(short, publishedAt, rules())).toMatchObject({
        path: ['submissionDeadline'],
        rule: 'min-submission-period',
        limit: days,
        value: days - 1,
        unit: 'days',
      });
      const aMomentShort = tender({ ...base, submissionDeadline: later(days * dayMs - 1) });
      expect(submissionPeriodBreak(aMomentShort, publishedAt, rules())?.rule).toBe('min-submission-period');
    },
  );

  it('counts works up to VND 20 bn as small, consulting never, and non-VND packages never', () => {
    const nineDays = later(9 * dayMs);
    const works = (v: number) =>
      tender({
        category: 'works',
        lots: [{ estimatedValue: v, bidSecurityAmount: 0 }],
        submissionDeadline: nineDays,
      });
    expect(submissionPeriodBreak(works(20_000_000_000), publishedAt, rules())).toBeUndefined();
    expect(submissionPeriodBreak(works(20_000_000_001), publishedAt, rules())?.limit).toBe(18);
    const consulting = tender({
      category: 'consulting',
      lots: [{ estimatedValue: 1, bidSecurityAmount: 0 }],
      submissionDeadline: nineDays,
    });
    expect(submissionPeriodBreak(consulting, publishedAt, rules())?.limit).toBe(18);
    const dollars = tender({
      currency: 'USD',
      lots: [{ estimatedValue: 1, bidSecurityAmount: 0 }],
      submissionDeadline: nineDays,
    });
    expect(submissionPeriodBreak(dollars, publishedAt, rules())?.limit).toBe(18);
    // The package is the sum of its lots.
    const twoLots = tender({
      lots: [
        { estimatedValue: 6_000_000_000, bidSecurityAmount: 0 },
        { estimatedValue: 5_000_000_000, bidSecurityAmount: 0 },
      ],
      submissionDeadline: nineDays,
    });
    expect(submissionPeriodBreak(twoLots, publishedAt, rules())?.limit).toBe(18);
  });

  it('divides the period by the acceleration, never to zero', () => {
    const t = tender({ lots: large, submissionDeadline: later((18 * dayMs) / 1440) });
    expect(submissionPeriodBreak(t, publishedAt, rules('open', 1440))).toBeUndefined();
    const short = tender({ lots: large, submissionDeadline: later((17 * dayMs) / 1440) });
    expect(submissionPeriodBreak(short, publishedAt, rules('open', 1440))).toMatchObject({
      limit: 18,
      value: 17,
    });
  });
});

describe('clarification cut-off', () => {
  // Closing Friday 2026-03-20 10:00; 3 working days before is Tuesday 17 March 10:00.
  const closing = '2026-03-20T03:00:00.000Z';
  it('domestic: questions close at least 3 working days before closing', () => {
    const exact = tender({ submissionDeadline: closing, questionsDeadline: '2026-03-17T03:00:00.000Z' });
    expect(staticRuleBreaks(exact, rules())).toEqual([]);
    const short = tender({ submissionDeadline: closing, questionsDeadline: '2026-03-18T03:00:00.000Z' });
    expect(staticRuleBreaks(short, rules())).toEqual([
      expect.objectContaining({
        path: ['questionsDeadline'],
        rule: 'clarification-cutoff',
        limit: 3,
        value: 2,
      }),
    ]);
  });

  it('international: 5 working days', () => {
    const exact = tender({
      biddingScope: 'international',
      submissionDeadline: closing,
      questionsDeadline: '2026-03-13T03:00:00.000Z',
    });
    expect(staticRuleBreaks(exact, rules())).toEqual([]);
    const short = tender({
      biddingScope: 'international',
      submissionDeadline: closing,
      questionsDeadline: '2026-03-16T03:00:00.000Z',
    });
    expect(staticRuleBreaks(short, rules())).toEqual([
      expect.objectContaining({ rule: 'clarification-cutoff', limit: 5, value: 4 }),
    ]);
  });

  it('closes questions and answers at their cut-offs, whatever the stored questionsDeadline', () => {
    const t = tender({ submissionDeadline: closing, questionsDeadline: closing });
    expect(questionsOpen(t, '2026-03-17T03:00:00.000Z', rules())).toBe(true);
    expect(questionsOpen(t, '2026-03-17T03:00:00.001Z', rules())).toBe(false);
    expect(answerCutoffBreak(t, '2026-03-18T03:00:00.000Z', rules())).toBeUndefined();
    expect(answerCutoffBreak(t, '2026-03-18T03:00:00.001Z', rules())).toMatchObject({
      rule: 'clarification-answer-cutoff',
      limit: 2,
      value: 1,
    });
  });
});

describe('bid security', () => {
  const lot = (estimatedValue: number, bidSecurityAmount: number) => [{ estimatedValue, bidSecurityAmount }];
  const rulesOf = (lots: ProcedureFields['lots']) =>
    staticRuleBreaks(tender({ lots }), rules()).map((b) => [b.rule, b.limit, b.value]);
  it('small package: 1-1.5 % of the lot, boundaries included', () => {
    expect(rulesOf(lot(1_000_000_000, 10_000_000))).toEqual([]);
    expect(rulesOf(lot(1_000_000_000, 15_000_000))).toEqual([]);
    expect(rulesOf(lot(1_000_000_000, 9_999_999))).toEqual([['bid-security-min', 1, 1]]);
    expect(rulesOf(lot(1_000_000_000, 15_000_001))).toEqual([['bid-security-max', 1.5, 1.5]]);
    expect(rulesOf(lot(1_000_000_000, 0))).toEqual([]);
  });
  it('large package: 1.5-3 %', () => {
    const v = 20_000_000_000;
    expect(rulesOf(lot(v, 300_000_000))).toEqual([]);
    expect(rulesOf(lot(v, 600_000_000))).toEqual([]);
    expect(rulesOf(lot(v, 299_999_999))).toEqual([['bid-security-min', 1.5, 1.5]]);
    expect(rulesOf(lot(v, 600_000_001))).toEqual([['bid-security-max', 3, 3]]);
  });
});

describe('procedure declarations', () => {
  it('lets a tender name exactly the available procedures', () => {
    expect([...ProcurementMethod.options].sort()).toEqual(availableProcedures.map((p) => p.id).sort());
  });
  it('refuses what a procedure does not allow: competitive quotation is domestic, one envelope, no consulting', () => {
    const t = tender({
      envelopeProcedure: 'two-envelope',
      biddingScope: 'international',
      category: 'consulting',
    });
    expect(
      procedureRuleBreaks(t, publishedAt, rules('competitive-shopping')).map((b) => [b.rule, b.value]),
    ).toEqual(
      expect.arrayContaining([
        ['envelope-procedure', 'two-envelope'],
        ['bidding-scope', 'international'],
        ['procedure-category', 'consulting'],
      ]),
    );
    expect(staticRuleBreaks(t, rules('open')).filter((b) => b.rule !== 'clarification-cutoff')).toEqual([]);
  });
  it('takes stage overrides within their range and names a setting out of it', () => {
    expect(
      procedureValuesFrom({ PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC: '21' }).open
        ?.minSubmissionDaysDomestic,
    ).toBe(21);
    expect(() => procedureValuesFrom({ PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC: '17' })).toThrow(
      /PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC: must be 18-120 days/,
    );
    expect(() => procedureValuesFrom({ PROCEDURE_LIMITED_BID_SECURITY_MAX_PERCENT_SMALL: '2' })).toThrow(
      /PROCEDURE_LIMITED_BID_SECURITY_MAX_PERCENT_SMALL/,
    );
    expect(() =>
      procedureValuesFrom({
        PROCEDURE_OPEN_BID_SECURITY_MIN_PERCENT: '2.5',
        PROCEDURE_OPEN_BID_SECURITY_MAX_PERCENT: '2',
      }),
    ).toThrow(
      /PROCEDURE_OPEN_BID_SECURITY_MIN_PERCENT: must not exceed PROCEDURE_OPEN_BID_SECURITY_MAX_PERCENT/,
    );
    expect(() => procedureValuesFrom({ PROCEDURE_OPEN_MIN_BIDS: '0' })).toThrow(/PROCEDURE_OPEN_MIN_BIDS/);
    expect(() => procedureValuesFrom({ PROCEDURE_OPEN_MIN_BIDS: 'three' })).toThrow(
      /PROCEDURE_OPEN_MIN_BIDS: must be a number/,
    );
    expect(() => procedureValuesFrom({ PROCEDURE_OPEN_MIN_BIDS: '' })).toThrow(
      /PROCEDURE_OPEN_MIN_BIDS: must be a number/,
    );
    expect(() => procedureValuesFrom({ PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC: '18.5' })).toThrow(
      /PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC: must be a whole number/,
    );
  });
  it('serves effective periods after acceleration, and no accelerated bid security validity', () => {
    const list = procedureList(1440);
    const open = list.items.find((p) => p.id === 'open');
    expect(list.acceleration).toBe(1440);
    expect(open?.settings?.minSubmissionDaysDomestic).toMatchObject({
      value: 18,
      default: 18,
      min: 18,
      effectiveMs: 18 * 60_000,
    });
    expect(open?.settings?.petitionAnswerWorkingDays.effectiveMs).toBe(7 * 60_000);
    expect(open?.settings?.bidSecurityValidityExtraDays.effectiveMs).toBeUndefined();
    const unaccelerated = procedureList(1).items.find((p) => p.id === 'open');
    expect(unaccelerated?.settings?.clarificationCutoffWorkingDaysDomestic.effectiveMs).toBeUndefined();
    expect(list.items.filter((p) => !p.available).map((p) => p.id)).toEqual([
      'online-price-offering',
      'online-shopping',
    ]);
    expect(addWorkingDays(publishedAt, 0)).toBe(publishedAt);
  });
});

// When an amendment pushes the deadline out (ND 214/2025 Art. 28(2)(b): at least 10 days before
// closing, 3 working days for a small package), at the law's numbers (no acceleration).
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { amendmentExtension, type ProcedureRules } from '../../shared/procedures/procedure-rules.ts';
import { procedureValuesFrom } from '../../shared/procedures/procedure-settings.ts';
import { availableProcedure } from '../../shared/procedures/procedures.ts';

const hanoi = (date: string, time = '10:00') => new Date(`${date}T${time}:00+07:00`).toISOString();
const values = procedureValuesFrom({});
const rules: ProcedureRules = {
  procedure: availableProcedure('open'),
  values: values.open!,
  acceleration: 1,
};
// Goods: VND 2.5 bn is a small package (≤ 10 bn), VND 12 bn is not.
const tender = (submissionDeadline: string, value = 2_500_000_000) => ({
  category: 'goods',
  envelopeProcedure: 'one-envelope',
  currency: 'VND',
  minBids: 1,
  lots: [{ estimatedValue: value, bidSecurityAmount: 0 }],
  submissionDeadline,
  questionsDeadline: '2020-01-01T00:00:00.000Z',
});
const small = (deadline: string, now: string) => amendmentExtension(tender(deadline), now, rules);
const large = (deadline: string, now: string) =>
  amendmentExtension(tender(deadline, 12_000_000_000), now, rules);

describe('deadline extension for amendments', () => {
  it('small package: leaves a deadline 3 working days away alone, down to the exact boundary', () => {
    const now = hanoi('2025-03-06');
    expect(small(hanoi('2025-03-11'), now)).toBeUndefined();
    expect(small(hanoi('2025-04-30'), now)).toBeUndefined();
    const justShort = small(hanoi('2025-03-11', '09:59'), now);
    expect(justShort).toMatchObject({
      from: hanoi('2025-03-11', '09:59'),
      to: hanoi('2025-03-11'),
      rule: 'amendment-period',
      limit: 3,
      unit: 'working-days',
    });
  });

  it('large package: 10 calendar days, one day short moved to exactly 10 days', () => {
    const now = hanoi('2025-03-06');
    expect(large(hanoi('2025-03-16'), now)).toBeUndefined();
    const short = large(hanoi('2025-03-15'), now);
    expect(short).toMatchObject({
      to: hanoi('2025-03-16'),
      rule: 'amendment-period',
      limit: 10,
      unit: 'days',
    });
    expect(short?.reason).toContain('10 days');
    // The same deadline is enough for a small package (3 working days).
    expect(small(hanoi('2025-03-15'), now)).toBeUndefined();
  });

  it('counts working days across Tết: an amendment on the Friday before Tết 2025', () => {
    // Twelve calendar days to Wednesday 5 February, but only 3 working days (3, 4 and 5 February).
    const now = hanoi('2025-01-24');
    expect(small(hanoi('2025-02-05'), now)).toBeUndefined();
    const extension = small(hanoi('2025-02-04'), now);
    expect(extension?.to).toBe(hanoi('2025-02-05'));
    expect(extension?.reason).toContain('3 working days');
  });

  it('moves a deadline that is already past or too close to exactly the minimum', () => {
    const now = '2026-06-05T08:00:00.000Z';
    expect(small('2026-06-06T00:00:00.000Z', now)?.to).toBe(addWorkingDays(now, 3));
    expect(small('2026-06-04T00:00:00.000Z', now)?.to).toBe(addWorkingDays(now, 3));
  });

  it('handles deadlines decades away without walking to them', () => {
    expect(small('2090-01-01T00:00:00.000Z', '2026-06-05T08:00:00.000Z')).toBeUndefined();
  });
});

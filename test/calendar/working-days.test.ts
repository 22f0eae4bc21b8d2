import { describe, expect, it } from 'vitest';
import {
  holidayCoverage,
  holidayCoverageWarning,
  vnHolidays,
  vnMakeUpWorkingDays,
} from '../../shared/calendar/vn-holidays.ts';
import {
  addWorkingDays,
  calendarOf,
  isWorkingDay,
  localDate,
  workingDaysBetween,
} from '../../shared/calendar/working-days.ts';

// 10:00 in Hà Nội is 03:00 UTC.
const hanoi = (date: string, time = '10:00') => new Date(`${date}T${time}:00+07:00`).toISOString();

describe('local dates', () => {
  it('counts the date in UTC+7, not in UTC', () => {
    expect(localDate('2025-01-31T16:59:59Z')).toBe('2025-01-31');
    expect(localDate('2025-01-31T17:00:00Z')).toBe('2025-02-01');
  });

  it('treats a Friday evening in UTC that is already Saturday in Vietnam as a weekend', () => {
    expect(isWorkingDay('2025-03-07T16:00:00Z')).toBe(true); // Fri 23:00 local
    expect(isWorkingDay('2025-03-07T17:00:00Z')).toBe(false); // Sat 00:00 local
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend and keeps the local time of day', () => {
    // Thursday 6 March 2025 + 3 working days = Tuesday 11 March.
    expect(addWorkingDays(hanoi('2025-03-06'), 3)).toBe(hanoi('2025-03-11'));
    // From Saturday, the first working day is Monday.
    expect(addWorkingDays(hanoi('2025-03-08'), 1)).toBe(hanoi('2025-03-10'));
    expect(addWorkingDays(hanoi('2025-03-07'), 1)).toBe(hanoi('2025-03-10'));
  });

  it('crosses Tết Ất Tỵ 2025 (27-31 January off, then a weekend)', () => {
    // Friday 24 January + 1 working day = Monday 3 February: nine days later.
    expect(addWorkingDays(hanoi('2025-01-24'), 1)).toBe(hanoi('2025-02-03'));
    expect(addWorkingDays(hanoi('2025-01-23'), 3)).toBe(hanoi('2025-02-04'));
  });

  it('crosses Tết Bính Ngọ 2026 (16-20 February off)', () => {
    expect(addWorkingDays(hanoi('2026-02-12'), 3)).toBe(hanoi('2026-02-24'));
  });

  it('counts a made-up Saturday as a working day and the bridged Friday as a holiday', () => {
    // Friday 25 April 2025 + 1 = Saturday 26 April (worked for Friday 2 May).
    expect(addWorkingDays(hanoi('2025-04-25'), 1)).toBe(hanoi('2025-04-26'));
    // Tuesday 29 April + 1 = Monday 5 May: 30/4, 1/5, 2/5 off, then the weekend.
    expect(addWorkingDays(hanoi('2025-04-29'), 1)).toBe(hanoi('2025-05-05'));
  });

  it('crosses National Day 2025 (1-2 September)', () => {
    expect(addWorkingDays(hanoi('2025-08-29'), 1)).toBe(hanoi('2025-09-03'));
  });

  it('returns the same instant for zero and refuses negative or fractional counts', () => {
    expect(addWorkingDays('2025-03-06T03:00:00.000Z', 0)).toBe('2025-03-06T03:00:00.000Z');
    expect(() => addWorkingDays(hanoi('2025-03-06'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(hanoi('2025-03-06'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('not a date', 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts whole working days and is 0 when the end is not after the start', () => {
    expect(workingDaysBetween(hanoi('2025-03-06'), hanoi('2025-03-11'))).toBe(3);
    // One minute short of the third working day.
    expect(workingDaysBetween(hanoi('2025-03-06'), hanoi('2025-03-11', '09:59'))).toBe(2);
    expect(workingDaysBetween(hanoi('2025-03-11'), hanoi('2025-03-06'))).toBe(0);
    expect(workingDaysBetween(hanoi('2025-03-06'), hanoi('2025-03-06'))).toBe(0);
  });

  it('counts no working days across Tết 2025 and the weekend around it', () => {
    expect(workingDaysBetween(hanoi('2025-01-24', '17:00'), hanoi('2025-02-03', '08:00'))).toBe(0);
    expect(workingDaysBetween(hanoi('2025-01-24'), hanoi('2025-02-07'))).toBe(5);
  });

  it('is the inverse of addWorkingDays for every start time across 2025-2027', () => {
    for (
      let t = Date.parse('2025-01-01T00:00:00Z');
      t < Date.parse('2027-12-20T00:00:00Z');
      t += 37 * 3_600_000
    ) {
      for (const n of [1, 3, 7]) {
        const end = addWorkingDays(new Date(t), n);
        expect(workingDaysBetween(new Date(t), end)).toBe(n);
        expect(workingDaysBetween(new Date(t), new Date(Date.parse(end) - 1))).toBe(n - 1);
        expect(isWorkingDay(end)).toBe(true);
      }
    }
  });
});

describe('holiday data', () => {
  it('lists only weekdays within the covered years, each once', () => {
    const dates = vnHolidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of vnHolidays) {
      const day = new Date(`${h.date}T00:00:00Z`).getUTCDay();
      expect(day, h.date).not.toBe(0);
      expect(day, h.date).not.toBe(6);
      const year = Number(h.date.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(holidayCoverage.firstYear);
      expect(year).toBeLessThanOrEqual(holidayCoverage.lastYear);
    }
    for (const d of vnMakeUpWorkingDays)
      expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });

  it('has the five weekdays of Tết and the fixed holidays every covered year', () => {
    for (let year = holidayCoverage.firstYear; year <= holidayCoverage.lastYear; year++) {
      const tet = vnHolidays.filter(
        (h) => h.date.startsWith(`${year}-`) && h.name.startsWith('Tết Nguyên đán'),
      );
      expect(tet, String(year)).toHaveLength(5);
      const fixed = [`${year}-01-01`, `${year}-04-30`, `${year}-09-02`];
      for (const date of fixed) {
        expect(isWorkingDay(`${date}T03:00:00Z`), date).toBe(false);
      }
    }
  });

  it('lets a deployment use its own calendar', () => {
    const none = calendarOf([]);
    expect(addWorkingDays(hanoi('2025-01-24'), 1, none)).toBe(hanoi('2025-01-27'));
  });
});

describe('holiday calendar coverage', () => {
  const at = (iso: string) => new Date(iso);
  it('covers through 2030, each year with its Tết on the lunar new year (UTC+7)', () => {
    expect(holidayCoverage.lastYear).toBeGreaterThanOrEqual(2030);
    // Mùng 1 Tết (computed for UTC+7): a holiday, or a weekend whose Tết days move to weekdays.
    for (const date of ['2028-01-26', '2029-02-13']) {
      expect(vnHolidays.find((h) => h.date === date)?.name, date).toBe('Tết Nguyên đán (mùng 1)');
    }
    expect(isWorkingDay('2030-02-02T03:00:00Z')).toBe(false);
    expect(isWorkingDay('2030-02-06T03:00:00Z')).toBe(false);
    expect(isWorkingDay('2030-02-08T03:00:00Z')).toBe(true);
  });

  it('warns from six months before the last covered year ends, in Hanoi time', () => {
    const last = holidayCoverage.lastYear;
    expect(holidayCoverageWarning(at(`${last}-06-30T16:59:59Z`))).toBeUndefined();
    expect(holidayCoverageWarning(at(`${last}-06-30T17:00:00Z`))).toMatch(`runs out at the end of ${last}`);
    expect(holidayCoverageWarning(at(`${last}-12-31T17:00:00Z`))).toMatch('has run out');
    expect(holidayCoverageWarning(at('2026-12-01T00:00:00Z'))).toBeUndefined();
  });
});

// Vietnamese public holidays, kept as data so that a deployment can correct a date without touching
// the arithmetic. Source: Labour Code 2019 Art. 112 (Tết Dương lịch 1 day, Tết Âm lịch 5 days, Giỗ
// Tổ Hùng Vương 10/3 lunar, 30/4, 1/5, Quốc khánh 2/9 plus 1/9 or 3/9) and Art. 111(3) (a holiday
// on a weekly rest day is compensated on the next working day); the Tết days and the adjacent
// National Day are fixed each year by government announcement.
//
// `status` says how sure each date is:
//   announced  - taken from the government's announcement for that year;
//   statutory  - follows from the Labour Code alone (fixed dates and compensatory days);
//   expected   - not yet announced when written: the usual pattern, to be checked and corrected.
// Only days that would otherwise be working days (Mon-Fri) matter; weekend holidays are listed
// through their compensatory weekday.

export interface Holiday {
  /** The local calendar date in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
  readonly status: 'announced' | 'statutory' | 'expected';
}

/** A Saturday or Sunday worked to make up for a bridged weekday (đi làm bù). */
export interface MakeUpWorkingDay {
  readonly date: string;
  readonly reason: string;
  readonly status: 'announced' | 'expected';
}

export const holidaySource = 'Labour Code 2019 Art. 112, government announcements';

/** Years whose holidays are listed; outside them only weekends are non-working. */
export const holidayCoverage = { firstYear: 2025, lastYear: 2030 } as const;

export const vnHolidays: readonly Holiday[] = [
  // 2025
  { date: '2025-01-01', name: 'Tết Dương lịch', status: 'announced' },
  { date: '2025-01-27', name: 'Tết Nguyên đán (28 tháng Chạp)', status: 'announced' },
  { date: '2025-01-28', name: 'Tết Nguyên đán (29 tháng Chạp)', status: 'announced' },
  { date: '2025-01-29', name: 'Tết Nguyên đán (mùng 1)', status: 'announced' },
  { date: '2025-01-30', name: 'Tết Nguyên đán (mùng 2)', status: 'announced' },
  { date: '2025-01-31', name: 'Tết Nguyên đán (mùng 3)', status: 'announced' },
  { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', status: 'announced' },
  { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam', status: 'announced' },
  { date: '2025-05-01', name: 'Ngày Quốc tế Lao động', status: 'announced' },
  { date: '2025-05-02', name: 'Nghỉ bù (hoán đổi với thứ Bảy 26/4)', status: 'announced' },
  { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)', status: 'announced' },
  { date: '2025-09-02', name: 'Quốc khánh', status: 'announced' },
  // 2026
  { date: '2026-01-01', name: 'Tết Dương lịch', status: 'statutory' },
  { date: '2026-02-16', name: 'Tết Nguyên đán (29 tháng Chạp)', status: 'announced' },
  { date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)', status: 'announced' },
  { date: '2026-02-18', name: 'Tết Nguyên đán (mùng 2)', status: 'announced' },
  { date: '2026-02-19', name: 'Tết Nguyên đán (mùng 3)', status: 'announced' },
  { date: '2026-02-20', name: 'Tết Nguyên đán (mùng 4)', status: 'announced' },
  {
    date: '2026-04-27',
    name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4)',
    status: 'statutory',
  },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam', status: 'statutory' },
  { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', status: 'statutory' },
  { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)', status: 'expected' },
  { date: '2026-09-02', name: 'Quốc khánh', status: 'statutory' },
  // 2027: Tết falls on Saturday 6/2; the statutory days 5/2-9/2 include a weekend, compensated
  // on 10/2 and 11/2.
  { date: '2027-01-01', name: 'Tết Dương lịch', status: 'statutory' },
  { date: '2027-02-05', name: 'Tết Nguyên đán (30 tháng Chạp)', status: 'expected' },
  { date: '2027-02-08', name: 'Tết Nguyên đán (mùng 3)', status: 'expected' },
  { date: '2027-02-09', name: 'Tết Nguyên đán (mùng 4)', status: 'expected' },
  { date: '2027-02-10', name: 'Tết Nguyên đán (nghỉ bù)', status: 'expected' },
  { date: '2027-02-11', name: 'Tết Nguyên đán (nghỉ bù)', status: 'expected' },
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', status: 'statutory' },
  { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam', status: 'statutory' },
  { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)', status: 'statutory' },
  { date: '2027-09-02', name: 'Quốc khánh', status: 'statutory' },
  { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề)', status: 'expected' },
  // 2028-2030: not announced yet. Lunar dates computed for UTC+7 (the Vietnamese calendar; Tết
  // 2030 is 2/2, a day before the Chinese new year). Tết as the usual pattern: the last day of
  // the old year and mùng 1-4, weekend days compensated on the next working days (Art. 111(3)).
  // 2028: Tết falls on Wednesday 26/1; 1/1 is a Saturday, 30/4 a Sunday, 2/9 a Saturday.
  { date: '2028-01-03', name: 'Nghỉ bù Tết Dương lịch (1/1 là thứ Bảy)', status: 'statutory' },
  { date: '2028-01-25', name: 'Tết Nguyên đán (29 tháng Chạp)', status: 'expected' },
  { date: '2028-01-26', name: 'Tết Nguyên đán (mùng 1)', status: 'expected' },
  { date: '2028-01-27', name: 'Tết Nguyên đán (mùng 2)', status: 'expected' },
  { date: '2028-01-28', name: 'Tết Nguyên đán (mùng 3)', status: 'expected' },
  { date: '2028-01-31', name: 'Tết Nguyên đán (nghỉ bù mùng 4, thứ Bảy 29/1)', status: 'expected' },
  { date: '2028-04-04', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', status: 'statutory' },
  { date: '2028-05-01', name: 'Ngày Quốc tế Lao động', status: 'statutory' },
  { date: '2028-05-02', name: 'Nghỉ bù Ngày Giải phóng miền Nam (30/4 là Chủ nhật)', status: 'statutory' },
  { date: '2028-09-01', name: 'Quốc khánh (ngày liền kề)', status: 'expected' },
  { date: '2028-09-04', name: 'Nghỉ bù Quốc khánh (2/9 là thứ Bảy)', status: 'statutory' },
  // 2029: Tết falls on Tuesday 13/2; 2/9 is a Sunday.
  { date: '2029-01-01', name: 'Tết Dương lịch', status: 'statutory' },
  { date: '2029-02-12', name: 'Tết Nguyên đán (29 tháng Chạp)', status: 'expected' },
  { date: '2029-02-13', name: 'Tết Nguyên đán (mùng 1)', status: 'expected' },
  { date: '2029-02-14', name: 'Tết Nguyên đán (mùng 2)', status: 'expected' },
  { date: '2029-02-15', name: 'Tết Nguyên đán (mùng 3)', status: 'expected' },
  { date: '2029-02-16', name: 'Tết Nguyên đán (mùng 4)', status: 'expected' },
  { date: '2029-04-23', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', status: 'statutory' },
  { date: '2029-04-30', name: 'Ngày Giải phóng miền Nam', status: 'statutory' },
  { date: '2029-05-01', name: 'Ngày Quốc tế Lao động', status: 'statutory' },
  { date: '2029-09-03', name: 'Quốc khánh (ngày liền kề)', status: 'expected' },
  { date: '2029-09-04', name: 'Nghỉ bù Quốc khánh (2/9 là Chủ nhật)', status: 'statutory' },
  // 2030: Tết falls on Saturday 2/2, so mùng 1 and 2 are compensated on 6/2 and 7/2.
  { date: '2030-01-01', name: 'Tết Dương lịch', status: 'statutory' },
  { date: '2030-02-01', name: 'Tết Nguyên đán (29 tháng Chạp)', status: 'expected' },
  { date: '2030-02-04', name: 'Tết Nguyên đán (mùng 3)', status: 'expected' },
  { date: '2030-02-05', name: 'Tết Nguyên đán (mùng 4)', status: 'expected' },
  { date: '2030-02-06', name: 'Tết Nguyên đán (nghỉ bù)', status: 'expected' },
  { date: '2030-02-07', name: 'Tết Nguyên đán (nghỉ bù)', status: 'expected' },
  { date: '2030-04-12', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', status: 'statutory' },
  { date: '2030-04-30', name: 'Ngày Giải phóng miền Nam', status: 'statutory' },
  { date: '2030-05-01', name: 'Ngày Quốc tế Lao động', status: 'statutory' },
  { date: '2030-09-02', name: 'Quốc khánh', status: 'statutory' },
  { date: '2030-09-03', name: 'Quốc khánh (ngày liền kề)', status: 'expected' },
];

export const vnMakeUpWorkingDays: readonly MakeUpWorkingDay[] = [
  { date: '2025-04-26', reason: 'làm bù cho thứ Sáu 2/5/2025', status: 'announced' },
];

/** How long before the calendar runs out start-up warns that it needs the next years' holidays. */
export const coverageWarningMonths = 6;

/**
 * A warning when `now` is within six months of the end of the listed years (or past it): deadlines
 * counted in working days beyond the list would treat holidays as working days.
 */
export function holidayCoverageWarning(now: Date): string | undefined {
  const end = Date.UTC(holidayCoverage.lastYear + 1, 0, 1) - 7 * 3_600_000; // 1/1 00:00 in Hanoi
  const warnFrom = Date.UTC(holidayCoverage.lastYear + 1, -coverageWarningMonths, 1) - 7 * 3_600_000;
  if (now.getTime() < warnFrom) return undefined;
  const state = now.getTime() >= end ? 'has run out' : 'runs out';
  return `the holiday calendar (shared/calendar/vn-holidays.ts) ${state} at the end of ${holidayCoverage.lastYear}: add ${holidayCoverage.lastYear + 1}'s holidays`;
}

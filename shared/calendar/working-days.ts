// Working days as Vietnamese rules count them: Monday to Friday in Asia/Ho_Chi_Minh, minus public
// holidays, plus the weekend days worked to make up for a bridge day. Asia/Ho_Chi_Minh has been
// UTC+7 all year since 1975, so local dates come from a fixed offset rather than a time-zone
// database, and a day is always 24 hours.
import { type Holiday, type MakeUpWorkingDay, vnHolidays, vnMakeUpWorkingDays } from './vn-holidays.ts';

const dayMs = 86_400_000;
const offsetMs = 7 * 3_600_000;
/** Longer spans are a caller's bug (a deadline in the wrong century), not a real tender period. */
const maxSpanDays = 20 * 366;

export interface WorkingCalendar {
  isWorkingDate(localDate: string): boolean;
  holidayOn(localDate: string): Holiday | undefined;
}

export function calendarOf(
  holidays: readonly Holiday[],
  makeUpDays: readonly MakeUpWorkingDay[] = [],
): WorkingCalendar {
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  const makeUp = new Set(makeUpDays.map((d) => d.date));
  return {
    holidayOn: (date) => byDate.get(date),
    isWorkingDate(date) {
      if (byDate.has(date)) return false;
      if (makeUp.has(date)) return true;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

export const vnCalendar: WorkingCalendar = calendarOf(vnHolidays, vnMakeUpWorkingDays);

function toMs(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/** The calendar date (YYYY-MM-DD) in Vietnam at this instant. */
export function localDate(instant: string | Date): string {
  return new Date(toMs(instant) + offsetMs).toISOString().slice(0, 10);
}

export function isWorkingDay(instant: string | Date, calendar: WorkingCalendar = vnCalendar): boolean {
  return calendar.isWorkingDate(localDate(instant));
}

/**
 * The instant `n` working days after `instant`, at the same local time of day: each following
 * calendar day that is a working day counts as one. From a Friday or a Saturday, one working day
 * later is the Monday (unless it is a holiday).
 */
export function addWorkingDays(
  instant: string | Date,
  n: number,
  calendar: WorkingCalendar = vnCalendar,
): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const start = toMs(instant);
  let counted = 0;
  let candidate = start;
  for (let day = 1; counted < n; day++) {
    if (day > maxSpanDays) throw new RangeError(`${n} working days is beyond the calendar's range`);
    candidate = start + day * dayMs;
    if (isWorkingDay(new Date(candidate), calendar)) counted++;
  }
  return new Date(candidate).toISOString();
}

/**
 * Whole working days from `a` to `b`: the largest n with addWorkingDays(a, n) ≤ b, and 0 when b is
 * not after a. So a deadline is "at least n working days away" exactly when this is ≥ n.
 */
export function workingDaysBetween(
  a: string | Date,
  b: string | Date,
  calendar: WorkingCalendar = vnCalendar,
): number {
  const from = toMs(a);
  const to = toMs(b);
  if (to - from > maxSpanDays * dayMs) throw new RangeError('span is beyond the calendar range');
  let count = 0;
  for (let candidate = from + dayMs; candidate <= to; candidate += dayMs) {
    if (isWorkingDay(new Date(candidate), calendar)) count++;
  }
  return count;
}

// Procedure periods on the stage's clock. Without acceleration, days are calendar days and working
// days follow the holiday calendar. With PERIOD_ACCELERATION = n > 1 (never in production) every
// period lasts 1/n of its length, and a working day counts as a calendar day, as ProZorro's
// sandbox accelerator does: a sandbox has no holidays worth waiting for.
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days.ts';

const dayMs = 86_400_000;

export type PeriodUnit = 'days' | 'working-days';

/** The instant `n` units after `from`. */
export function addPeriod(from: string, n: number, unit: PeriodUnit, acceleration: number): string {
  if (acceleration === 1 && unit === 'working-days') return addWorkingDays(from, n);
  return new Date(Date.parse(from) + Math.ceil((n * dayMs) / acceleration)).toISOString();
}

/** How long the period lasts on this stage in ms; undefined for working days that follow the calendar. */
export function periodMs(n: number, unit: PeriodUnit, acceleration: number): number | undefined {
  if (acceleration === 1 && unit === 'working-days') return undefined;
  return Math.ceil((n * dayMs) / acceleration);
}

/**
 * From `from` to `to` in the period's unit as the law counts it (scaled back when accelerated), for
 * telling a client how far off it is: whole working days, or days to two decimals, rounded down.
 */
export function measurePeriod(from: string, to: string, unit: PeriodUnit, acceleration: number): number {
  if (Date.parse(to) <= Date.parse(from)) {
    return Math.ceil(((Date.parse(to) - Date.parse(from)) * acceleration * 100) / dayMs) / 100;
  }
  if (acceleration === 1 && unit === 'working-days') return workingDaysBetween(from, to);
  return Math.floor(((Date.parse(to) - Date.parse(from)) * acceleration * 100) / dayMs) / 100;
}

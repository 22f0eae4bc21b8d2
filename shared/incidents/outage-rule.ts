// The outage rule of Circular 79/2025 Art. 6, as pure functions of instants.
//
// A package whose closing time falls between the start of a system incident and 2 h after its fix
// is extended to fix + 6 h; when that lands between 17:00 and 11:00 the next day, to 11:00 the
// next day. Boundaries, decided here and tested at each edge (test/incidents/outage-rule.test.ts):
//   - the window is closed at both ends: a closing exactly at the start, or exactly at fix + 2 h,
//     is affected (the rule says "between", and a deadline at either instant was within reach of
//     the outage);
//   - the evening interval is [17:00, 11:00): fix + 6 h at 16:59 stays, at 17:00 moves to 11:00 of
//     the next calendar day; at 10:59 it moves to 11:00 the same morning (the "next day" after the
//     evening it belongs to); at 11:00 it stays (it is the time the rule moves to);
//   - "next day" is the next calendar day, not the next working day: the Circular says day.
// Times of day are Vietnam's (Asia/Ho_Chi_Minh, UTC+7 all year since 1975, no DST), the same
// fixed offset shared/calendar/working-days.ts counts working days in.

const hourMs = 3_600_000;
const offsetMs = 7 * hourMs;
const dayMs = 24 * hourMs;

/** Hours after the fix that a closing time must fall within to be affected. */
export const AFFECTED_AFTER_FIX_HOURS = 2;
/** Hours after the fix that the new closing time is set to. */
export const EXTENSION_AFTER_FIX_HOURS = 6;
/** Local times between which (evening start inclusive, morning end exclusive) closing is moved. */
export const EVENING_FROM_HOUR = 17;
export const MORNING_UNTIL_HOUR = 11;

export interface OutageWindow {
  /** First affected closing time (the incident's start), inclusive. */
  readonly from: string;
  /** Last affected closing time (fix + 2 h), inclusive. */
  readonly to: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function affectedWindow(startedAt: string, fixedAt: string): OutageWindow {
  return {
    from: iso(Date.parse(startedAt)),
    to: iso(Date.parse(fixedAt) + AFFECTED_AFTER_FIX_HOURS * hourMs),
  };
}

export function isAffected(closingTime: string, window: OutageWindow): boolean {
  const t = Date.parse(closingTime);
  return t >= Date.parse(window.from) && t <= Date.parse(window.to);
}

/** The new closing time: fix + 6 h, or 11:00 (Vietnam) of the next day if that is in the evening or night. */
export function extendedClosingTime(fixedAt: string): string {
  const candidate = Date.parse(fixedAt) + EXTENSION_AFTER_FIX_HOURS * hourMs;
  const local = candidate + offsetMs;
  const localMidnight = Math.floor(local / dayMs) * dayMs;
  const localHour = (local - localMidnight) / hourMs;
  if (localHour >= EVENING_FROM_HOUR) {
    return iso(localMidnight + dayMs + MORNING_UNTIL_HOUR * hourMs - offsetMs);
  }
  if (localHour < MORNING_UNTIL_HOUR) return iso(localMidnight + MORNING_UNTIL_HOUR * hourMs - offsetMs);
  return iso(candidate);
}

export const ruleReason = (window: OutageWindow, to: string) =>
  `system incident: the closing time fell between the start of the incident (${window.from}) and 2 h after its fix (${window.to}), so it moved to ${to} (Circular 79/2025 Art. 6)`;

// A datetime-local input holds a wall-clock time without a zone; on these pages it is always
// Hanoi's (UTC+7, no daylight saving), whatever the browser's zone, and the API gets UTC.
const offsetMs = 7 * 3_600_000;

/** "2026-12-02T10:30" in Hanoi → the UTC instant. */
export function hanoiInputToUtc(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}:00Z`) - offsetMs;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A UTC instant → the Hanoi wall-clock value for a datetime-local input (minutes). */
export function utcToHanoiInput(instant: string): string {
  return new Date(Date.parse(instant) + offsetMs).toISOString().slice(0, 16);
}

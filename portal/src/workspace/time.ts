// Date-times as the workspace's forms take them: typed as "dd/mm/yyyy hh:mm" in Vietnam's time
// (UTC+7 all year since 1975, so a fixed offset, no zone database), whatever the browser's
// locale or zone, and sent as UTC instants. A native datetime-local input would show the
// browser's own order (mm/dd/yyyy in en-US) and its own zone.
const offsetMs = 7 * 3_600_000;
const pattern = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/;

const two = (n: number) => String(n).padStart(2, '0');

/** "dd/mm/yyyy hh:mm" in Hanoi for a UTC instant; "" for none. */
export function toHanoiText(instant: string | number | undefined): string {
  if (instant === undefined || instant === '') return '';
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + offsetMs);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The UTC instant a "dd/mm/yyyy hh:mm" Hanoi time names, or undefined when it names none. */
export function fromHanoiText(text: string): string | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute) - offsetMs;
  // 31/02 would roll over into March: refuse it rather than guess.
  if (new Date(ms + offsetMs).getUTCDate() !== day) return undefined;
  return new Date(ms).toISOString();
}

/** What the form sends: the instant when the text names one, else the text itself for the API to refuse. */
export const instantOrText = (text: string): string | undefined =>
  text.trim() === '' ? undefined : (fromHanoiText(text) ?? text);

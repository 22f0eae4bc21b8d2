import * as z from 'zod';

// The server's receipt time as an ISO 8601 UTC instant ("...Z"). zod checks the calendar; the
// fraction is capped at nanoseconds so that every instant has one fixed-width sort key.
export const ReceivedAt = z.iso
  .datetime({ offset: false, local: false })
  .refine((s) => !/\.\d{10,}Z$/.test(s), 'at most nine fractional digits');

/**
 * A string that sorts lexically in time order. The date-time part is fixed width (four-digit year,
 * UTC only), and padding the fraction to nine digits makes "…:05Z", "…:05.5Z" and "…:05.500Z"
 * compare as the instants they are, without Date (which keeps only milliseconds).
 */
export function receivedAtKey(instant: string): string {
  const body = instant.slice(0, -1);
  const dot = body.indexOf('.');
  const whole = dot === -1 ? body : body.slice(0, dot);
  const fraction = dot === -1 ? '' : body.slice(dot + 1);
  return `${whole}.${fraction.padEnd(9, '0')}`;
}

/**
 * Earlier first. Spellings that are equal strings are the same instant; others are compared by
 * their keys, built only here because bids rarely reach this level of the tie-break.
 */
export function compareInstants(a: string, b: string): number {
  if (a === b) return 0;
  const ka = receivedAtKey(a);
  const kb = receivedAtKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

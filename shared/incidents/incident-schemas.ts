// A system incident (sự cố hệ thống) as an admin declares it and as the public reads it, the
// messages of its extension work, and the outcome for each affected tender.
import * as z from 'zod';
import { Id, Instant, Text } from '../schemas/common.ts';
import { UtcInstant } from '../tenders/tender-schemas.ts';

export const IncidentDeclaration = z.strictObject({
  /** When the system stopped serving (UTC instant); not in the future. */
  startedAt: UtcInstant,
  /** When it was fixed; not before startedAt, not in the future. */
  fixedAt: UtcInstant,
  /** What happened, published with the incident and with every revision it causes. */
  reason: Text(2000),
});
export type IncidentDeclaration = z.infer<typeof IncidentDeclaration>;

export const IncidentProgress = z.object({
  /** Tenders whose closing time fell in the window, once they have been found (null until then). */
  affected: z.number().int().nonnegative().nullable(),
  /** Of those, tenders given the new closing time. */
  extended: z.number().int().nonnegative(),
  /** Of those, tenders left as they were (see each tender's outcome). */
  skipped: z.number().int().nonnegative(),
});

export const IncidentStatus = z.enum(['finding', 'extending', 'done']);

export const Incident = z.object({
  incidentId: Id,
  startedAt: Instant,
  fixedAt: Instant,
  reason: z.string(),
  declaredAt: Instant,
  /** Closing times in [from, to] (both inclusive) are affected: the start, and fix + 2 h. */
  window: z.object({ from: Instant, to: Instant }),
  /** The closing time affected tenders get: fix + 6 h, or 11:00 the next day (Vietnam time). */
  newClosingTime: Instant,
  status: IncidentStatus,
  progress: IncidentProgress,
});
export type Incident = z.infer<typeof Incident>;

export const SkipReason = z.enum([
  /** The opener had claimed it (status closed): its bids are being read; it must not reopen. */
  'opening-in-progress',
  /** Opened already (minutes public, or evaluation or later): nothing to extend. */
  'already-opened',
  /** Cancelled, or no longer a tender. */
  'cancelled',
  /** Its closing time left the window before it was reached (amended, or extended by another incident). */
  'not-in-window',
]);
export type SkipReason = z.infer<typeof SkipReason>;

export const IncidentTenderOutcome = z.object({
  tenderId: Id,
  outcome: z.enum(['extended', 'skipped']),
  reason: SkipReason.optional(),
  /** The tender's status when it was reached. */
  status: z.string(),
  /** Closing time before, and after (extended only). */
  from: Instant,
  to: Instant.optional(),
  /** The revision that published the new closing time (extended only). */
  revision: z.number().int().positive().optional(),
  at: Instant,
});
export type IncidentTenderOutcome = z.infer<typeof IncidentTenderOutcome>;

/** What travels on the outage queue: identifiers only. */
export const OutageMessage = z.discriminatedUnion('kind', [
  /** Find every tender closing in the incident's window and queue one extension each. */
  z.strictObject({ kind: z.literal('find'), incidentId: Id }),
  /** Apply the incident to one tender (idempotent: a tender is reached once per incident). */
  z.strictObject({ kind: z.literal('extend'), incidentId: Id, tenderId: Id }),
]);
export type OutageMessage = z.infer<typeof OutageMessage>;

// The shapes the reports pages expect from two APIs being built at the same time as these pages:
// the KPI report (GET /oversight/kpis, by "kpis") and the red flags (GET /oversight/flags, by
// "export"). Written from their task descriptions, checked with zod when a response arrives, so a
// mismatch with the real API shows as one clear refusal instead of a page of NaN. When merging,
// these give way to the generated client's types (portal/src/api/schema.d.ts).
import * as z from 'zod';

/** A calendar month in Vietnam's time ("2026-03"): the API buckets events by Hanoi's calendar. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Integer VND; a string of digits when it may pass 2^53 (city-wide totals). */
const vnd = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);

/** A share as a fraction 0..1; null when there is nothing to divide by (no packages that month). */
const share = z.number().min(0).max(1).nullable();

/** The figures of one organisation (rolled up through its hierarchy) for one month or a range. */
export const kpiFigures = z.object({
  /** Packages of the contractor selection plans (KHLCNT) in scope, and those selected online. */
  planPackages: z.number().int().nonnegative(),
  onlinePackages: z.number().int().nonnegative(),
  /** Their estimates, in VND. */
  planValue: vnd,
  onlineValue: vnd,
  onlineShareByCount: share,
  onlineShareByValue: share,
  /** Packages awarded: the base of savings, bids, single-bid and petition shares. */
  awardedPackages: z.number().int().nonnegative(),
  /** Estimate − awarded price, VND, and as a fraction of the estimate (negative: over estimate). */
  savings: vnd,
  savingsShare: z.number().nullable(),
  averageBids: z.number().nonnegative().nullable(),
  singleBidShare: share,
  petitionShare: share,
  /** Median whole or fractional days from the submission deadline to the award. */
  medianDaysToAward: z.number().nonnegative().nullable(),
});
export type KpiFigures = z.infer<typeof kpiFigures>;

export const kpiReport = z.object({
  /** Absent: the whole city (every root organisation rolled up). */
  organisationId: z.string().optional(),
  category: z.string().optional(),
  method: z.string().optional(),
  from: month,
  to: month,
  /** The configurable target for the online share, a fraction (default Hanoi 2019: 0.5). */
  target: z.object({ onlineShare: z.number().min(0).max(1) }),
  totals: kpiFigures,
  months: z.array(kpiFigures.extend({ month })),
});
export type KpiReport = z.infer<typeof kpiReport>;

export interface KpiQuery {
  readonly organisationId?: string;
  readonly category?: string;
  readonly method?: string;
  readonly from: string;
  readonly to: string;
}

/** Cardinal's released indicators and our R044, in its numbering. */
export const indicatorCodes = [
  'R003',
  'R018',
  'R024',
  'R025',
  'R028',
  'R030',
  'R035',
  'R036',
  'R038',
  'R044',
  'R048',
  'R058',
] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** Cardinal's result groups (OCID, Buyer, ProcuringEntity, Tenderer) as the API names them. */
export const flagKinds = ['process', 'buyer', 'procuring-entity', 'tenderer'] as const;
export type FlagKind = (typeof flagKinds)[number];

export const flag = z.object({
  kind: z.enum(flagKinds),
  /** The OCID of a process; the organisation's or contractor's identifier otherwise. */
  id: z.string(),
  name: z.string().optional(),
  /** Our tender behind a flagged process, when it is one of ours (a link to its public page). */
  tenderId: z.string().optional(),
  indicator: z.enum(indicatorCodes),
  /** The indicator's value as Cardinal writes it (a gap, a ratio, a count, or 1.0 / 0.0). */
  value: z.number().nullable(),
  /** The fixed threshold when the settings give one (instead of a fence). */
  threshold: z.number().optional(),
  /** Cardinal's `Meta` for the indicator: quartiles and the fence that triggered the flag. */
  fences: z
    .object({
      q1: z.number().optional(),
      q3: z.number().optional(),
      lowerFence: z.number().optional(),
      upperFence: z.number().optional(),
    })
    .optional(),
});
export type Flag = z.infer<typeof flag>;

export const flagsPage = z.object({
  items: z.array(flag),
  nextCursor: z.string().optional(),
});
export type FlagsPage = z.infer<typeof flagsPage>;

export interface FlagsQuery {
  readonly indicator?: IndicatorCode;
  readonly kind?: FlagKind;
  readonly cursor?: string;
}

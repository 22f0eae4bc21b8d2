// The report's figures from summed counters: shares as percentages with two decimals, the average
// number of bids, savings, and whether the target is met. One definition for the API
// (report.ts, from the aggregate cells) and for the portal's coarser groups (portal/src/reports/
// rollup.ts, from the API's rows), so a total the page sums is computed exactly as the API's.
// The portal bundles it, so it imports only figures.ts, which is import-free too.
import { counterNames } from './figures.ts';

/** The counters a report row carries: a cell's sums, and the target's in-scope ones. */
export const summedCountNames = [
  ...counterNames,
  'targetPackages',
  'targetOnlinePackages',
  'targetValue',
  'targetOnlineValue',
] as const;

export type SummedCounts = { readonly [K in (typeof summedCountNames)[number]]: number };

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

export function derivedFigures(c: SummedCounts, targetPercent: number) {
  const targetShareByCount = pct(c.targetOnlinePackages, c.targetPackages);
  const targetShareByValue = pct(c.targetOnlineValue, c.targetValue);
  return {
    ...c,
    onlineShareByCount: pct(c.onlinePackages, c.plannedPackages),
    onlineShareByValue: pct(c.onlineValue, c.plannedValue),
    averageBids: c.closedTenders > 0 ? Math.round((c.bids / c.closedTenders) * 100) / 100 : null,
    singleBidShare: pct(c.singleBidTenders, c.closedTenders),
    savingsVnd: c.awardedEstimate - c.awardedValue,
    savingsPercent: pct(c.awardedEstimate - c.awardedValue, c.awardedEstimate),
    petitionShare: pct(c.petitionedTenders, c.awardedTenders),
    targetShareByCount,
    targetShareByValue,
    targetPercent,
    targetMet: targetShareByCount === null ? null : targetShareByCount >= targetPercent,
    targetMetByValue: targetShareByValue === null ? null : targetShareByValue >= targetPercent,
  };
}

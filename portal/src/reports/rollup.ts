// The report's rows summed into coarser groups (a month across categories and methods, an
// organisation across months) with the shares recomputed from the summed counts exactly as the
// API computes them (shared/kpis/report.ts: percent, two decimals). Medians cannot be summed:
// the groups leave them out, and the page shows them only where the API gave them.
import type { KpiFigures, KpiRow } from './api';

const counts = [
  'plannedPackages',
  'plannedValue',
  'onlinePackages',
  'onlineValue',
  'offlineRecorded',
  'tenders',
  'closedTenders',
  'bids',
  'singleBidTenders',
  'awardedTenders',
  'awardedEstimate',
  'awardedValue',
  'petitionedTenders',
  'targetPackages',
  'targetOnlinePackages',
  'targetValue',
  'targetOnlineValue',
] as const;
type Count = (typeof counts)[number];

export type Summed = Omit<KpiFigures, 'medianDaysToAward'>;

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

export function summed(rows: readonly KpiFigures[], targetPercent: number): Summed {
  const c = Object.fromEntries(counts.map((k) => [k, 0])) as Record<Count, number>;
  for (const row of rows) for (const k of counts) c[k] += row[k];
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

/** Every month of the rows, in order, with its figures summed. */
export function byMonth(rows: readonly KpiRow[], targetPercent: number) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return months.map((month) => ({
    month,
    ...summed(
      rows.filter((r) => r.month === month),
      targetPercent,
    ),
  }));
}

/** breakdown=children: each organisation of the rows (its own figures, then each child's subtree). */
export function byOrganisation(rows: readonly KpiRow[], targetPercent: number) {
  const groups = new Map<string, KpiRow[]>();
  for (const row of rows) {
    const key = `${row.organisationId}|${row.rolledUp}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as KpiRow;
    return {
      organisationId: first.organisationId,
      name: first.name,
      rolledUp: first.rolledUp,
      ...summed(group, targetPercent),
    };
  });
}

// The report's rows summed into coarser groups (a month across categories and methods, an
// organisation across months), with the shares recomputed from the summed counts by the API's
// own function (shared/kpis/derived-figures.ts). Medians cannot be summed: the groups leave them
// out, and the page shows them only where the API gave them.
import { derivedFigures, summedCountNames } from '../../../shared/kpis/derived-figures.ts';
import type { KpiFigures, KpiRow } from './api';

export type Summed = Omit<KpiFigures, 'medianDaysToAward'>;

export function summed(rows: readonly KpiFigures[], targetPercent: number): Summed {
  const c = Object.fromEntries(summedCountNames.map((k) => [k, 0])) as Record<
    (typeof summedCountNames)[number],
    number
  >;
  for (const row of rows) for (const k of summedCountNames) c[k] += row[k];
  return derivedFigures(c, targetPercent);
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

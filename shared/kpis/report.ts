// Turns monthly aggregate items into report rows: cells are summed per group (an organisation's
// subtree, or its own items) × month × category × method, the target's in-scope counters taken
// from the cells its scope matches, and shares, averages, savings and medians computed last.
import { derivedFigures } from './derived-figures.ts';
import { addInto, type Cell, emptyCell, medianDays, parseCellKey } from './figures.ts';
import type { KpiSettings, ScopeRule } from './kpi-settings.ts';
import type { KpiFigures, KpiQuery, KpiRow } from './report-schemas.ts';

export interface MonthItem {
  readonly organisationId: string;
  readonly month: string;
  readonly cells: Readonly<Record<string, Cell>>;
}

export interface ReportGroup {
  readonly organisationId: string | null;
  readonly name: string | null;
  readonly rolledUp: boolean;
  readonly items: readonly MonthItem[];
}

/** A cell and the part of it the target's scope counts. */
interface Sums {
  all: Cell;
  target: Cell;
}

const inScope = (rules: readonly ScopeRule[], category: string, method: string, size: string) =>
  rules.some(
    (r) =>
      (r.category === '*' || r.category === category) &&
      (r.method === '*' || r.method === method) &&
      (r.size === 'any' || size === 'small'),
  );

export function figuresOf(s: Sums, target: KpiSettings): KpiFigures {
  const a = s.all;
  const t = s.target;
  return {
    ...derivedFigures(
      {
        plannedPackages: a.plannedPackages,
        plannedValue: a.plannedValue,
        onlinePackages: a.onlinePackages,
        onlineValue: a.onlineValue,
        offlineRecorded: a.offlineRecorded,
        tenders: a.tenders,
        closedTenders: a.closedTenders,
        bids: a.bids,
        singleBidTenders: a.singleBidTenders,
        awardedTenders: a.awardedTenders,
        awardedEstimate: a.awardedEstimate,
        awardedValue: a.awardedValue,
        petitionedTenders: a.petitionedTenders,
        targetPackages: t.plannedPackages,
        targetOnlinePackages: t.onlinePackages,
        targetValue: t.plannedValue,
        targetOnlineValue: t.onlineValue,
      },
      target.KPI_ONLINE_TARGET_PERCENT,
    ),
    medianDaysToAward: medianDays(a.awardDays),
  };
}

const emptySums = (): Sums => ({ all: emptyCell(), target: emptyCell() });

function addSums(into: Sums, cell: Cell, counted: boolean): void {
  addInto(into.all, cell);
  if (counted) addInto(into.target, cell);
}

export function buildRows(
  groups: readonly ReportGroup[],
  query: Pick<KpiQuery, 'category' | 'method' | 'from' | 'to'>,
  target: KpiSettings,
): { rows: KpiRow[]; total: KpiFigures } {
  const rules = target.KPI_ONLINE_TARGET_SCOPE;
  const rows: KpiRow[] = [];
  const total = emptySums();
  for (const group of groups) {
    const byRow = new Map<string, Sums>();
    for (const item of group.items) {
      if ((query.from && item.month < query.from) || (query.to && item.month > query.to)) continue;
      for (const [key, cell] of Object.entries(item.cells)) {
        const { category, method, size } = parseCellKey(key);
        if ((query.category && category !== query.category) || (query.method && method !== query.method)) {
          continue;
        }
        const counted = inScope(rules, category, method, size);
        const rowKey = `${item.month}|${category}|${method}`;
        const sums = byRow.get(rowKey) ?? emptySums();
        byRow.set(rowKey, sums);
        addSums(sums, cell, counted);
        addSums(total, cell, counted);
      }
    }
    for (const rowKey of [...byRow.keys()].sort()) {
      const [month, category, method] = rowKey.split('|') as [string, string, string];
      rows.push({
        organisationId: group.organisationId,
        name: group.name,
        rolledUp: group.rolledUp,
        category: category as KpiRow['category'],
        method: method as KpiRow['method'],
        month,
        ...figuresOf(byRow.get(rowKey) as Sums, target),
      });
    }
  }
  return { rows, total: figuresOf(total, target) };
}

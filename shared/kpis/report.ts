// Turns monthly aggregate items into report rows: cells are summed per group (an organisation's
// subtree, or its own items) × month × category × method, the target's in-scope counters taken
// from the cells its scope matches, and shares, averages, savings and medians computed last.
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

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

export function figuresOf(s: Sums, target: KpiSettings): KpiFigures {
  const a = s.all;
  const t = s.target;
  const targetShareByCount = pct(t.onlinePackages, t.plannedPackages);
  const targetShareByValue = pct(t.onlineValue, t.plannedValue);
  const percent = target.KPI_ONLINE_TARGET_PERCENT;
  return {
    plannedPackages: a.plannedPackages,
    plannedValue: a.plannedValue,
    onlinePackages: a.onlinePackages,
    onlineValue: a.onlineValue,
    onlineShareByCount: pct(a.onlinePackages, a.plannedPackages),
    onlineShareByValue: pct(a.onlineValue, a.plannedValue),
    offlineRecorded: a.offlineRecorded,
    tenders: a.tenders,
    closedTenders: a.closedTenders,
    bids: a.bids,
    averageBids: a.closedTenders > 0 ? Math.round((a.bids / a.closedTenders) * 100) / 100 : null,
    singleBidTenders: a.singleBidTenders,
    singleBidShare: pct(a.singleBidTenders, a.closedTenders),
    awardedTenders: a.awardedTenders,
    awardedEstimate: a.awardedEstimate,
    awardedValue: a.awardedValue,
    savingsVnd: a.awardedEstimate - a.awardedValue,
    savingsPercent: pct(a.awardedEstimate - a.awardedValue, a.awardedEstimate),
    petitionedTenders: a.petitionedTenders,
    petitionShare: pct(a.petitionedTenders, a.awardedTenders),
    medianDaysToAward: medianDays(a.awardDays),
    targetPackages: t.plannedPackages,
    targetOnlinePackages: t.onlinePackages,
    targetValue: t.plannedValue,
    targetOnlineValue: t.onlineValue,
    targetShareByCount,
    targetShareByValue,
    targetPercent: percent,
    targetMet: targetShareByCount === null ? null : targetShareByCount >= percent,
    targetMetByValue: targetShareByValue === null ? null : targetShareByValue >= percent,
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

// The counters of one aggregate cell (organisation × month × category × method × size class).
// Every figure is a sum (counts, integer VND) or a histogram of whole days, so cells add and
// subtract exactly: a source's contribution moves them by differences, a report sums them, and
// shares, averages and medians are computed only when read.

export const counterNames = [
  /** Packages of published plans (their latest revision), and their estimates (VND). */
  'plannedPackages',
  'plannedValue',
  /** Those planned to be selected online (bid on this system), and their estimates. */
  'onlinePackages',
  'onlineValue',
  /** Packages planned offline whose result was recorded. */
  'offlineRecorded',
  /** Tenders published (drafts are not counted). */
  'tenders',
  /** Tenders whose bids are known: opened (minutes) or closed without bids. */
  'closedTenders',
  /** Bids received by those (valid and invalid, as the opening minutes count them). */
  'bids',
  'singleBidTenders',
  /** Tenders with at least one award; the estimates of their awarded lots and the awarded prices (VND). */
  'awardedTenders',
  'awardedEstimate',
  'awardedValue',
  /** Awarded tenders with at least one petition (complaint). */
  'petitionedTenders',
] as const;

export type CounterName = (typeof counterNames)[number];

export type Cell = { [K in CounterName]: number } & {
  /** Whole days from the submission deadline to the first award → tenders. */
  awardDays: Record<string, number>;
};

export const emptyCell = (): Cell => ({
  ...(Object.fromEntries(counterNames.map((n) => [n, 0])) as { [K in CounterName]: number }),
  awardDays: {},
});

/** `a + sign × b`, dropping histogram buckets that reach zero. */
export function addCell(a: Cell, b: Partial<Cell>, sign: 1 | -1 = 1): Cell {
  const out = emptyCell();
  for (const n of counterNames) out[n] = (a[n] ?? 0) + sign * (b[n] ?? 0);
  const days: Record<string, number> = { ...a.awardDays };
  for (const [d, count] of Object.entries(b.awardDays ?? {})) {
    const next = (days[d] ?? 0) + sign * count;
    if (next === 0) delete days[d];
    else days[d] = next;
  }
  out.awardDays = days;
  return out;
}

export const isEmptyCell = (c: Cell) =>
  counterNames.every((n) => c[n] === 0) && Object.keys(c.awardDays).length === 0;

/** Reads a stored cell, tolerating counters added after it was written. */
export function cellFrom(stored: Partial<Cell> | undefined): Cell {
  return addCell(emptyCell(), stored ?? {});
}

/** The median of a histogram of whole days (for an even count, the mean of the two middle values). */
export function medianDays(histogram: Readonly<Record<string, number>>): number | null {
  const buckets = Object.entries(histogram)
    .map(([d, n]) => [Number(d), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const lower = Math.ceil(total / 2);
  const upper = total % 2 === 0 ? lower + 1 : lower;
  let seen = 0;
  let lowValue: number | undefined;
  for (const [d, n] of buckets) {
    seen += n;
    if (lowValue === undefined && seen >= lower) lowValue = d;
    if (seen >= upper) return ((lowValue as number) + d) / 2;
  }
  return lowValue ?? null;
}

export type SizeClass = 'small' | 'large';

/** A cell's key within its month item: `category|method|size`. */
export const cellKey = (category: string, method: string, size: SizeClass) => `${category}|${method}|${size}`;

export function parseCellKey(key: string): { category: string; method: string; size: SizeClass } {
  const [category = '', method = '', size = 'large'] = key.split('|');
  return { category, method, size: size as SizeClass };
}

/** Adds `b` into `into` in place (the report's sums: no object per addition). */
export function addInto(into: Cell, b: Cell): void {
  for (const n of counterNames) into[n] += b[n];
  for (const [d, count] of Object.entries(b.awardDays)) into.awardDays[d] = (into.awardDays[d] ?? 0) + count;
}

/**
 * A month item's cells as stored: one JSON string, each cell its counters in counterNames order
 * followed by its day histogram. One attribute rather than nested maps, because the report reads
 * every month item of a subtree and the cost of reading an item grows with its attributes.
 */
export function encodeCells(cells: Readonly<Record<string, Cell>>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(cells).map(([k, c]) => [k, [...counterNames.map((n) => c[n]), c.awardDays]]),
    ),
  );
}

export function decodeCells(text: string | undefined): Record<string, Cell> {
  if (!text) return {};
  const raw = JSON.parse(text) as Record<string, (number | Record<string, number>)[]>;
  const out: Record<string, Cell> = {};
  for (const [k, values] of Object.entries(raw)) {
    const cell = emptyCell();
    counterNames.forEach((n, i) => {
      cell[n] = (values[i] as number | undefined) ?? 0;
    });
    cell.awardDays = (values[counterNames.length] as Record<string, number> | undefined) ?? {};
    out[k] = cell;
  }
  return out;
}

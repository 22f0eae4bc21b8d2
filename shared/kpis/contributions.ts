// What one source adds to the aggregates, computed from its current state alone (never from the
// event that announced a change): a tender, or a plan with its packages' progress. Pure, so the
// consumer can recompute it on every delivery and apply only the difference to what it stored.
import { settings } from '../config/settings.ts';
import type { AwardRecord, MinutesRecord } from '../entities/records.ts';
import { rulesFor } from '../procedures/effective-procedures.ts';
import { lawNumbers } from '../procedures/law-numbers.ts';
import { isSmallPackage } from '../procedures/procedure-rules.ts';
import type { ProcedureId } from '../procedures/procedure-schema.ts';
import type { RuleValues } from '../procedures/procedure-settings.ts';
import { addCell, type Cell, cellKey, emptyCell, isEmptyCell, type SizeClass } from './figures.ts';

/** Aggregate (`organisationId|month`) → cell key → what the source adds there. */
export type Contribution = Record<string, Record<string, Cell>>;

export const aggregateKey = (organisationId: string, month: string) => `${organisationId}|${month}`;
export function parseAggregateKey(key: string): { organisationId: string; month: string } {
  const at = key.lastIndexOf('|');
  return { organisationId: key.slice(0, at), month: key.slice(at + 1) };
}

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: settings.TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
});

/** The calendar month (YYYY-MM) of an instant where the city counts it (TIME_ZONE). */
export function monthOf(instant: string): string {
  const parts = monthFormat.formatToParts(new Date(instant));
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}

/** A plan's quarter (`2026-Q2`) is counted in its first month (`2026-04`). */
export function quarterMonth(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}`;
}

const lawValues = Object.fromEntries(
  Object.entries(lawNumbers).map(([k, d]) => [k, d.default]),
) as unknown as RuleValues;

/** The stage's small-package thresholds for a procedure (the law's for one not available here). */
function valuesFor(method: string): RuleValues {
  try {
    return rulesFor(method as ProcedureId).values;
  } catch {
    return lawValues;
  }
}

export function sizeClass(category: string, method: string, currency: string, value: number): SizeClass {
  const small = isSmallPackage(
    { category: category as never, currency, lots: [{ estimatedValue: value }] as never },
    valuesFor(method),
  );
  return small ? 'small' : 'large';
}

function put(into: Contribution, aggregate: string, cell: string, add: Partial<Cell>): void {
  const cells = into[aggregate] ?? {};
  into[aggregate] = cells;
  cells[cell] = addCell(cells[cell] ?? emptyCell(), add);
}

// ---- Tenders ----

export interface TenderState {
  readonly meta: {
    readonly tenderId: string;
    readonly buyer: string;
    readonly status: string;
    readonly category: string;
    readonly procurementMethod: string;
    readonly currency: string;
    readonly submissionDeadline: string;
    readonly lots: readonly { readonly lotId: string; readonly estimatedValue: number }[];
    readonly closedWithoutBidsAt?: string;
  };
  readonly minutes: readonly Pick<MinutesRecord, 'phase' | 'validBids' | 'invalidBids'>[];
  readonly awards: readonly Pick<AwardRecord, 'lotId' | 'amount' | 'awardedAt'>[];
  readonly complaints: number;
}

const dayMs = 86_400_000;

export function tenderContribution(state: TenderState | undefined): Contribution {
  const out: Contribution = {};
  if (!state || state.meta.status === 'draft') return out;
  const { meta } = state;
  const vnd = meta.currency === 'VND';
  const estimate = meta.lots.reduce((s, l) => s + l.estimatedValue, 0);
  const size = vnd ? sizeClass(meta.category, meta.procurementMethod, meta.currency, estimate) : 'large';
  const aggregate = aggregateKey(meta.buyer, monthOf(meta.submissionDeadline));
  const cell = cellKey(meta.category, meta.procurementMethod, size);
  const add: Partial<Cell> = { tenders: 1 };
  // The deadline's minutes (one envelope, or the technical one) count the bids received.
  const first = state.minutes.find((m) => m.phase === 'single' || m.phase === 'technical');
  const closedEmpty = meta.status === 'no-bids' || meta.closedWithoutBidsAt !== undefined;
  if (first || closedEmpty) {
    const bids = first ? first.validBids + first.invalidBids : 0;
    Object.assign(add, { closedTenders: 1, bids, singleBidTenders: bids === 1 ? 1 : 0 });
  }
  if (state.awards.length > 0) {
    const awardedLots = new Set(state.awards.map((a) => a.lotId));
    const firstAward = Math.min(...state.awards.map((a) => Date.parse(a.awardedAt)));
    const days = Math.max(0, Math.floor((firstAward - Date.parse(meta.submissionDeadline)) / dayMs));
    Object.assign(add, {
      awardedTenders: 1,
      petitionedTenders: state.complaints > 0 ? 1 : 0,
      awardDays: { [String(days)]: 1 },
      ...(vnd
        ? {
            awardedEstimate: meta.lots
              .filter((l) => awardedLots.has(l.lotId))
              .reduce((s, l) => s + l.estimatedValue, 0),
            awardedValue: state.awards.reduce((s, a) => s + Number(a.amount), 0),
          }
        : {}),
    });
  }
  put(out, aggregate, cell, add);
  return out;
}

// ---- Plans ----

export interface PlanState {
  readonly plan: {
    readonly planId: string;
    readonly buyer: string;
    readonly publishedAt?: string;
    readonly packages: readonly {
      readonly packageId: string;
      readonly category: string;
      readonly method: string;
      readonly estimate: number;
      readonly plannedQuarter: string;
      readonly online: boolean;
    }[];
  };
  /** Package id → its progress state (`tendering`, `offline`), for packages that have one. */
  readonly progress: ReadonlyMap<string, string>;
}

/** A published plan's packages (its latest revision), each in its planned quarter's first month. */
export function planContribution(state: PlanState | undefined): Contribution {
  const out: Contribution = {};
  if (!state || state.plan.publishedAt === undefined) return out;
  for (const p of state.plan.packages) {
    const size = sizeClass(p.category, p.method, 'VND', p.estimate);
    put(
      out,
      aggregateKey(state.plan.buyer, quarterMonth(p.plannedQuarter)),
      cellKey(p.category, p.method, size),
      {
        plannedPackages: 1,
        plannedValue: p.estimate,
        onlinePackages: p.online ? 1 : 0,
        onlineValue: p.online ? p.estimate : 0,
        offlineRecorded: state.progress.get(p.packageId) === 'offline' ? 1 : 0,
      },
    );
  }
  return out;
}

/** new − old, per aggregate and cell; aggregates and cells that do not move are left out. */
export function contributionDelta(old: Contribution, next: Contribution): Contribution {
  const out: Contribution = {};
  for (const aggregate of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const a = old[aggregate] ?? {};
    const b = next[aggregate] ?? {};
    for (const cell of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = addCell(b[cell] ?? emptyCell(), a[cell] ?? emptyCell(), -1);
      if (isEmptyCell(d)) continue;
      out[aggregate] = { ...out[aggregate], [cell]: d };
    }
  }
  return out;
}

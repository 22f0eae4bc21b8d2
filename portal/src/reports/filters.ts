// The reports' filters as the URL carries them (a filtered report is a link): organisation,
// category, method, a range of months in Vietnam's calendar (UTC+7, no daylight saving; by
// default the twelve months up to the current one) and the breakdown by child organisation.
import { categories, methods } from '../pages/filters';
import type { FlagKind, FlagsQuery, IndicatorCode, KpiQuery } from './api';

/** Cardinal's released indicators and our R044, in its numbering (the API's enum, in order). */
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
] as const satisfies readonly IndicatorCode[];

/** Cardinal's result groups (OCID, Buyer, ProcuringEntity, Tenderer) as the API names them. */
export const flagKinds = [
  'ocid',
  'buyer',
  'procuringEntity',
  'tenderer',
] as const satisfies readonly FlagKind[];

const hanoiOffsetMs = 7 * 3_600_000;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month a UTC instant falls in, in Vietnam. */
export const hanoiMonth = (ms: number): string => new Date(ms + hanoiOffsetMs).toISOString().slice(0, 7);

/** "2026-03" moved by n months. */
export function addMonths(value: string, n: number): string {
  const [year = 0, m = 1] = value.split('-').map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant a Vietnam month begins, for formatting it in the reader's language. */
export const monthStart = (value: string): Date => new Date(`${value}-01T00:00:00+07:00`);

export interface ReportFilters extends KpiQuery {
  readonly from: string;
  readonly to: string;
  /** The range runs backwards (from after to): refused in the page, not sent. */
  readonly rangeInvalid: boolean;
}

const oneOf = (options: readonly string[], value: string | null) =>
  value && options.includes(value) ? value : undefined;

/**
 * `ownOrganisation`: a procuring entity's, the organisation it reads when the URL names none (the
 * API lets it read its own subtree only).
 */
export function reportFiltersFrom(
  search: URLSearchParams,
  nowMs = Date.now(),
  ownOrganisation?: string,
): ReportFilters {
  const toParam = search.get('to') ?? '';
  const to = monthPattern.test(toParam) ? toParam : hanoiMonth(nowMs);
  const fromParam = search.get('from') ?? '';
  const from = monthPattern.test(fromParam) ? fromParam : addMonths(to, -11);
  const organisationId = search.get('organisationId') || ownOrganisation;
  const category = oneOf(categories, search.get('category')) as KpiQuery['category'];
  const method = oneOf(methods, search.get('method')) as KpiQuery['method'];
  const breakdown = search.get('breakdown') === 'children' ? 'children' : undefined;
  return {
    from,
    to,
    rangeInvalid: from > to,
    ...(organisationId ? { organisationId } : {}),
    ...(category ? { category } : {}),
    ...(method ? { method } : {}),
    ...(breakdown ? { breakdown } : {}),
  };
}

/** What the KPI API is asked for (the filters without the page's own state). */
export const kpiQueryOf = ({ rangeInvalid: _, ...query }: ReportFilters): KpiQuery => query;

export function flagFiltersFrom(search: URLSearchParams): FlagsQuery {
  const indicator = oneOf(indicatorCodes, search.get('indicator')) as IndicatorCode | undefined;
  const kind = oneOf(flagKinds, search.get('kind')) as FlagKind | undefined;
  const cursor = search.get('cursor') || undefined;
  return {
    ...(indicator ? { indicator } : {}),
    ...(kind ? { kind } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

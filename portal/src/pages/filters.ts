// The tender list's filters as the URL carries them (dates as Vietnam calendar days) and as the
// public list API takes them (deadline bounds as UTC instants).
import type { operations } from '../api/schema.d.ts';

/** The list API's query: the options below are checked against it, so they cannot drift from the API. */
type ListQuery = NonNullable<operations['listTenders']['parameters']['query']>;
/** Every value of one of the API's enums, and no other: a missing or extra one fails the type check. */
const allOf =
  <Api extends string>() =>
  <const Options extends readonly Api[]>(
    options: Options & ([Api] extends [Options[number]] ? unknown : never),
  ): Options =>
    options;

export const statuses = allOf<NonNullable<ListQuery['status']>>()([
  'published',
  'cancelled',
  'closed',
  'no-bids',
  'opened',
  'evaluating',
  'awarded',
  'contracted',
  'unsuccessful',
]);
export const categories = allOf<NonNullable<ListQuery['category']>>()([
  'goods',
  'works',
  'non-consulting',
  'consulting',
]);
export const methods = allOf<NonNullable<ListQuery['procurementMethod']>>()([
  'open',
  'limited',
  'competitive-shopping',
]);

export interface TenderFilters {
  status?: (typeof statuses)[number];
  category?: (typeof categories)[number];
  procurementMethod?: (typeof methods)[number];
  /** Words of the title (the API ignores case and diacritics). */
  q?: string;
  buyer?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  cursor?: string;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(search: URLSearchParams): TenderFilters {
  const status = search.get('status');
  const category = search.get('category');
  const method = search.get('procurementMethod');
  const filters: TenderFilters = {};
  if (method && (methods as readonly string[]).includes(method))
    filters.procurementMethod = method as TenderFilters['procurementMethod'];
  if (status && (statuses as readonly string[]).includes(status))
    filters.status = status as TenderFilters['status'];
  if (category && (categories as readonly string[]).includes(category))
    filters.category = category as TenderFilters['category'];
  for (const key of ['q', 'buyer', 'deadlineFrom', 'deadlineTo', 'cursor'] as const) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** A Vietnam calendar day's first (or last) instant in UTC: the day a reader means is Hanoi's. */
function dayBound(value: string, end: boolean): string {
  if (!day.test(value)) return value;
  return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`).toISOString();
}

export function listQuery(filters: TenderFilters) {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.procurementMethod ? { procurementMethod: filters.procurementMethod } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.buyer ? { buyer: filters.buyer } : {}),
    ...(filters.deadlineFrom ? { deadlineFrom: dayBound(filters.deadlineFrom, false) } : {}),
    ...(filters.deadlineTo ? { deadlineTo: dayBound(filters.deadlineTo, true) } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
}

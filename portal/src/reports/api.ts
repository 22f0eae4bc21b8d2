// The reports pages' fetch layer, through the typed client (api/client.ts over the generated
// schema): GET /kpis/report, GET /kpis/report/export?format=csv|xlsx and GET /oversight/flags.
// The types below are the generated ones, named for the pages; nothing here guesses a shape.
import { api, apiBase, orThrow } from '../api/client';
import type { operations } from '../api/schema';

type Json<O extends keyof operations> = operations[O]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type KpiReport = Json<'getKpiReport'>;
export type KpiRow = KpiReport['rows'][number];
export type KpiFigures = KpiReport['total'];
export type KpiQuery = NonNullable<operations['getKpiReport']['parameters']['query']>;
export type FlagsPage = Json<'listRedFlags'>;
export type Flag = FlagsPage['items'][number];
export type FlagsQuery = NonNullable<operations['listRedFlags']['parameters']['query']>;
export type FlagKind = Flag['kind'];
export type IndicatorCode = Flag['indicator'];

export type ExportFormat = 'csv' | 'xlsx';
const exportTypes: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function fetchKpis(query: KpiQuery): Promise<KpiReport> {
  return orThrow(await api.GET('/kpis/report', { params: { query } }));
}

export async function fetchFlags(query: FlagsQuery): Promise<FlagsPage> {
  return orThrow(await api.GET('/oversight/flags', { params: { query } }));
}

/**
 * The report as a file, saved under the API's name for it (Content-Disposition) or ours. The
 * client's middleware adds the bearer token, which a plain link could not send.
 */
export async function downloadKpis(query: KpiQuery, format: ExportFormat): Promise<void> {
  const result = await api.GET('/kpis/report/export', {
    params: { query: { ...query, format } },
    headers: { accept: exportTypes[format] },
    parseAs: 'blob',
  });
  const blob = orThrow(result) as unknown as Blob;
  const disposition = result.response.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  const name = named ?? `kpi-${query.organisationId ?? 'city'}-${query.from}-${query.to}.${format}`;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Where the export link points (its href; the click fetches with the token instead). */
export function exportHref(query: KpiQuery, format: ExportFormat): string {
  const url = new URL(`${apiBase}/kpis/report/export`, window.location.origin);
  for (const [key, value] of Object.entries({ ...query, format }))
    if (value) url.searchParams.set(key, value);
  return url.toString();
}

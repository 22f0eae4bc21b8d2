// The reports pages' fetch layer: the two endpoints they read, one constant each, called with the
// session's bearer token and checked against types.ts. The endpoints are being built alongside
// (kpis, export); when they are in the generated schema this file is the one to switch to the
// typed client (api/client.ts), and the paths below are the ones to check.
import type * as z from 'zod';
import { ApiProblem, apiBase, type Problem } from '../api/client';
import { bearerToken } from '../auth/session';
import {
  type FlagsPage,
  type FlagsQuery,
  flagsPage,
  type KpiQuery,
  type KpiReport,
  kpiReport,
} from './types';

/** The KPI report; `format=csv|xlsx` (and the matching Accept) gives the same figures as a file. */
export const kpisPath = '/oversight/kpis';
/** Flagged processes, buyers and tenderers, a cursor page at a time. */
export const flagsPath = '/oversight/flags';

export type ExportFormat = 'csv' | 'xlsx';
const exportTypes: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** An absolute URL of the API with the query's set values (empty ones left out). */
export function apiUrl(path: string, query: Record<string, string | undefined>): string {
  const url = new URL(`${apiBase}${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  return url.toString();
}

export const kpisUrl = (query: KpiQuery, format?: ExportFormat) =>
  apiUrl(kpisPath, { ...query, ...(format ? { format } : {}) });

async function authorised(url: string, accept: string): Promise<Response> {
  const token = await bearerToken();
  const response = await fetch(url, {
    headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (response.ok) return response;
  // A refusal: the API's problem+json, or its status alone when the body is something else.
  const body = (await response.json().catch(() => ({}))) as Partial<Problem>;
  throw new ApiProblem({
    type: 'about:blank',
    title: '',
    detail: '',
    ...body,
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
  } as Problem);
}

async function parsed<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await response.json());
  if (result.success) return result.data;
  // Not the shape these pages were written for: say so once rather than render nonsense.
  console.warn('unexpected response', response.url, result.error.issues);
  throw new ApiProblem({
    type: 'about:blank',
    title: '',
    detail: '',
    status: response.status,
    code: 'RESPONSE_UNEXPECTED',
  } as unknown as Problem);
}

export async function fetchKpis(query: KpiQuery): Promise<KpiReport> {
  return parsed(await authorised(kpisUrl(query), 'application/json'), kpiReport);
}

export async function fetchFlags(query: FlagsQuery): Promise<FlagsPage> {
  return parsed(await authorised(apiUrl(flagsPath, { ...query }), 'application/json'), flagsPage);
}

/** The report as a file, saved under the API's name for it (Content-Disposition) or ours. */
export async function downloadKpis(query: KpiQuery, format: ExportFormat): Promise<void> {
  const response = await authorised(kpisUrl(query, format), exportTypes[format]);
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const name = named ?? `kpis-${query.organisationId ?? 'city'}-${query.from}-${query.to}.${format}`;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

// Where the bulk export lives in the exports bucket. The Glue table (infra/constructs/ocds-glue.ts)
// reads `exports/ocds/month=YYYY-MM/` through partition projection, so nothing else may sit under
// that prefix; the manifest, which says which parts the last run wrote, sits beside it.
import * as z from 'zod';

export const OCDS_EXPORT_PREFIX = 'exports/ocds/';
export const EXPORT_MANIFEST_KEY = 'exports/manifests/ocds.json';

/** The month a tender's compiled release is filed under: the month (UTC) it was first published. */
export const exportMonthOf = (publishedAt: string): string => publishedAt.slice(0, 7);

export const exportPartKey = (month: string, part: number): string =>
  `${OCDS_EXPORT_PREFIX}month=${month}/part-${String(part).padStart(4, '0')}.jsonl`;

const MonthSummary = z.object({
  /** Parts part-0000 … part-(parts−1) hold this month's lines; higher parts are empty or absent. */
  parts: z.number().int().nonnegative(),
  releases: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const ExportManifest = z.object({
  format: z.literal('eproc-ocds-export/v1'),
  runId: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The base of every document link in the lines. */
  baseUrl: z.string(),
  releases: z.number().int().nonnegative(),
  months: z.record(z.string().regex(/^\d{4}-\d{2}$/), MonthSummary),
});

export type ExportManifest = z.infer<typeof ExportManifest>;
export type MonthSummary = z.infer<typeof MonthSummary>;

// GET /oversight/flags: the red flags of the last engine run over the OCDS bulk export.
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { FLAG_KINDS } from '../../shared/ocds-export/flag-rows.ts';
import { INDICATOR_CODES } from '../../shared/red-flags/settings.ts';

export const FlagKind = z
  .enum(FLAG_KINDS)
  .describe(
    'what is flagged: a contracting process (ocid), a buyer, a procuring entity or a tenderer (Cardinal groups OCID, Buyer, ProcuringEntity, Tenderer)',
  );
export const IndicatorCode = z
  .enum(INDICATOR_CODES)
  .describe("Cardinal's indicator code (R044: shared addresses)");

export const FlagsQuery = z.strictObject({
  indicator: IndicatorCode.optional(),
  kind: FlagKind.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

export const FlagRow = z.object({
  kind: FlagKind,
  id: z
    .string()
    .describe('the ocid for a process; the OCDS party id (org-…, contractor-…) for an organisation'),
  name: z.string().optional().describe('tender title or organisation name, when the export names it'),
  indicator: IndicatorCode,
  value: z
    .number()
    .describe(
      "the indicator's value that triggered the flag (Cardinal's output: a ratio, a count of days, a price gap, or 1.0 for yes/no indicators)",
    ),
  fences: z
    .record(z.string(), z.number())
    .describe(
      "the quartiles and fences the value was held against (Cardinal's Meta: q1, q3, lower_fence, upper_fence), rounded to 4 decimals; empty for indicators without them",
    ),
  settings: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .describe(
      'the thresholds that applied (threshold, percentile, minimum_* …): the settings file or the defaults',
    ),
});

export const FlagsPage = z.object({
  run: z
    .object({
      runId: z.string(),
      exportRunId: z.string(),
      exportedAt: z.string().describe('when the export read the tenders'),
      computedAt: z.string(),
      releases: z.number().int(),
      flags: z.number().int(),
    })
    .optional()
    .describe('absent until the first export has been analysed'),
  items: z.array(FlagRow),
  nextCursor: z.string().optional(),
});

export const oversightFlagRoutes = {
  listRedFlags: defineRoute({
    operationId: 'listRedFlags',
    method: 'GET',
    path: '/oversight/flags',
    summary:
      'Red flags (Cardinal indicators) on processes, buyers, procuring entities and tenderers from the last OCDS bulk export, with the values and fences that triggered them; by kind, then indicator, then id',
    tags: ['oversight'],
    auth: ['auditor', 'admin'],
    query: FlagsQuery,
    response: FlagsPage,
  }),
};

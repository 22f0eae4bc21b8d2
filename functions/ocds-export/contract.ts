import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';

const MonthSummary = z.object({
  parts: z.number().int(),
  releases: z.number().int(),
  bytes: z.number().int(),
});

export const ExportRunResult = z.object({
  export: z.object({
    runId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    releases: z.number().int().describe('compiled releases written, one per published tender'),
    months: z
      .record(z.string(), MonthSummary)
      .describe('per month (YYYY-MM): parts exports/ocds/month=YYYY-MM/part-0000.jsonl … written'),
  }),
  flags: z.object({
    status: z.enum(['computed', 'unchanged', 'no-export']),
    runId: z.string().optional(),
    flags: z.number().int().optional(),
  }),
});

export const ocdsExportRoutes = {
  runOcdsExport: defineRoute({
    operationId: 'runOcdsExport',
    method: 'POST',
    path: '/ocds/exports',
    summary:
      'Runs the bulk export now (as its daily schedule does): compiled releases of every published tender to S3 as JSONL by month, then the red flags over it',
    tags: ['ocds'],
    auth: ['admin'],
    response: ExportRunResult,
  }),
};

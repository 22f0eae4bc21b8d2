import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { OpeningPhase } from '../../shared/opening/messages.ts';
import { SignedMinutes } from '../../shared/opening/minutes-schema.ts';
import { Id, Instant } from '../../shared/schemas/common.ts';

const TenderParams = z.strictObject({ tenderId: Id });

export const PublishedMinutes = z.object({
  phase: OpeningPhase,
  publishedAt: Instant,
  objectKey: z.string(),
  /** Hex SHA-256 of the stored object, as the audit event recorded it. */
  sha256: z.string(),
  document: SignedMinutes,
});

export const EvaluationReportDocument = z.object({
  tenderId: z.string(),
  requestId: z.string(),
  rankedAt: z.string(),
  sha256: z.string(),
  /** Every step's inputs (the exact EvaluationInput) and results (the EvaluationReport). */
  document: z.record(z.string(), z.unknown()),
});

export const minutesRoutes = {
  getMinutes: defineRoute({
    operationId: 'getOpeningMinutes',
    method: 'GET',
    path: '/tenders/{tenderId}/minutes',
    summary: 'The signed opening minutes of a tender (technical and financial for two envelopes)',
    tags: ['opening'],
    auth: 'public',
    params: TenderParams,
    response: z.object({ tenderId: Id, items: z.array(PublishedMinutes) }),
  }),
  getEvaluationReport: defineRoute({
    operationId: 'getEvaluationReport',
    method: 'GET',
    path: '/tenders/{tenderId}/evaluation-report',
    summary: 'The evaluation report (every step with its inputs and results), public once an award is made',
    tags: ['evaluation'],
    auth: 'public',
    params: TenderParams,
    response: EvaluationReportDocument,
  }),
};

import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Instant, Text } from '../../shared/schemas/common.ts';

const tags = ['evaluation'];
const auth = ['procuring-entity'] as const;
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and hyphens, at most 64');
const BidParams = z.strictObject({ tenderId: Id, bidId: Id });

export const EligibilityVerdict = z
  .strictObject({ pass: z.boolean(), reason: Text(2000).optional() })
  .refine((v) => v.pass || v.reason !== undefined, {
    path: ['reason'],
    message: 'a failed criterion needs a reason',
  });

export const TechnicalScoreEntryBody = z
  .strictObject({
    points: z.number().int().min(0).max(1_000_000),
    outOf: z.number().int().min(1).max(1_000_000),
  })
  .refine((v) => v.points <= v.outOf, { path: ['points'], message: 'cannot exceed outOf' });

export const AdjustmentBody = z.strictObject({
  /** Integer minor units; negative lowers the evaluated price. */
  amount: z
    .union([
      z.string().regex(/^-?(0|[1-9][0-9]{0,30})$/, 'must be an integer amount in minor units'),
      z
        .number()
        .int('must be an integer amount in minor units')
        .min(-Number.MAX_SAFE_INTEGER)
        .max(Number.MAX_SAFE_INTEGER),
    ])
    .transform((v) => String(v)),
  note: Text(2000).optional(),
});

export const TechnicalApproval = z.strictObject({ compliantBidIds: z.array(Id).max(10_000) });

const EvaluationStageSchema = z.enum([
  'entries',
  'technical-approved',
  'financial-opened',
  'requested',
  'ranked',
]);

export const EvaluationView = z.object({
  tenderId: Id,
  method: z.string(),
  stage: EvaluationStageSchema,
  twoEnvelope: z.boolean(),
  version: z.number().int(),
  compliantBidIds: z.array(z.string()).optional(),
  requestId: z.string().optional(),
  report: z.object({ objectKey: z.string(), sha256: z.string(), rankedAt: Instant }).optional(),
  bids: z.array(
    z.object({
      bidId: z.string(),
      lotId: z.string(),
      contractorId: z.string(),
      contractorName: z.string().optional(),
      price: z.object({ amount: z.string(), currency: z.string() }).optional(),
      eligibility: z.array(
        z.object({
          criterion: z.string(),
          pass: z.boolean(),
          reason: z.string().optional(),
          enteredBy: z.string(),
        }),
      ),
      technicalScores: z.array(
        z.object({ evaluatorId: z.string(), criterion: z.string(), points: z.number(), outOf: z.number() }),
      ),
      adjustments: z.array(z.object({ label: z.string(), amount: z.string() })),
    }),
  ),
});

export const evaluationRoutes = {
  getEvaluation: defineRoute({
    operationId: 'getEvaluation',
    method: 'GET',
    path: '/entity/tenders/{tenderId}/evaluation',
    summary: 'The evaluation of one of the caller organisation’s tenders: stage, bids and every entry',
    tags,
    auth,
    params: z.strictObject({ tenderId: Id }),
    response: EvaluationView,
  }),
  getOwnEvaluationReport: defineRoute({
    operationId: 'getOwnEvaluationReport',
    method: 'GET',
    path: '/entity/tenders/{tenderId}/evaluation/report',
    summary: 'The ranking report with its inputs, for the procuring entity before it is public',
    tags,
    auth,
    params: z.strictObject({ tenderId: Id }),
    response: z.object({ sha256: z.string(), document: z.record(z.string(), z.unknown()) }),
  }),
  enterEligibility: defineRoute({
    operationId: 'enterEligibility',
    method: 'PUT',
    path: '/tenders/{tenderId}/evaluation/bids/{bidId}/eligibility/{criterion}',
    summary: 'Record a pass/fail verdict on one eligibility criterion (a failure needs its reason)',
    tags,
    auth,
    params: BidParams.extend({ criterion: Slug }),
    body: EligibilityVerdict,
    response: EvaluationView,
    requiresIfMatch: true,
  }),
  enterTechnicalScore: defineRoute({
    operationId: 'enterTechnicalScore',
    method: 'PUT',
    path: '/tenders/{tenderId}/evaluation/bids/{bidId}/technical-scores/{criterion}',
    summary:
      "The caller's own technical score of a bid on one criterion (combined and technical-score methods)",
    tags,
    auth,
    params: BidParams.extend({ criterion: Slug }),
    body: TechnicalScoreEntryBody,
    response: EvaluationView,
    requiresIfMatch: true,
  }),
  enterAdjustment: defineRoute({
    operationId: 'enterAdjustment',
    method: 'PUT',
    path: '/tenders/{tenderId}/evaluation/bids/{bidId}/adjustments/{label}',
    summary: 'A price adjustment (life-cycle cost, deviation) for the evaluated-price and combined methods',
    tags,
    auth,
    params: BidParams.extend({ label: Slug }),
    body: AdjustmentBody,
    response: EvaluationView,
    requiresIfMatch: true,
  }),
  approveTechnical: defineRoute({
    operationId: 'approveTechnicalEvaluation',
    method: 'POST',
    path: '/tenders/{tenderId}/evaluation/technical-approval',
    summary:
      'Two envelopes: approve the list of technically compliant bidders; their financial envelopes, and only theirs, are opened',
    tags,
    auth,
    params: z.strictObject({ tenderId: Id }),
    body: TechnicalApproval,
    response: EvaluationView,
    successStatus: 202,
    requiresIfMatch: true,
  }),
  requestRanking: defineRoute({
    operationId: 'requestRanking',
    method: 'POST',
    path: '/tenders/{tenderId}/evaluation/ranking',
    summary: "Run the tender's evaluation method on the entries (eligibility first); the report follows",
    tags,
    auth,
    params: z.strictObject({ tenderId: Id }),
    response: z.object({ requestId: Id, stage: EvaluationStageSchema }),
    successStatus: 202,
    requiresIfMatch: true,
  }),
};

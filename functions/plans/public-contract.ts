// Published contractor selection plans are public (Law 22/2023 Art. 7-8), with every revision.
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { PlanRevision, PlanRevisionSummary, PlanSummary, PlanView } from '../../shared/plans/plan-schemas.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';

const PlanParams = z.strictObject({ planId: Id });
const tags = ['plans'];

export const planPublicRoutes = {
  listPlans: defineRoute({
    operationId: 'listPlans',
    method: 'GET',
    path: '/plans',
    summary: 'Published contractor selection plans, latest publication first',
    tags,
    auth: 'public',
    query: PageQuery,
    response: Page(PlanSummary),
  }),
  getPlan: defineRoute({
    operationId: 'getPlan',
    method: 'GET',
    path: '/plans/{planId}',
    summary: "A published plan with its packages' progress (their tenders, offline results)",
    tags,
    auth: 'public',
    params: PlanParams,
    response: PlanView,
  }),
  listPlanRevisions: defineRoute({
    operationId: 'listPlanRevisions',
    method: 'GET',
    path: '/plans/{planId}/revisions',
    summary: "A published plan's revisions, each with what it changed",
    tags,
    auth: 'public',
    params: PlanParams,
    response: z.object({ items: z.array(PlanRevisionSummary) }),
  }),
  getPlanRevision: defineRoute({
    operationId: 'getPlanRevision',
    method: 'GET',
    path: '/plans/{planId}/revisions/{revision}',
    summary: 'One revision of a published plan, with the plan as it stood',
    tags,
    auth: 'public',
    params: z.strictObject({ planId: Id, revision: z.coerce.number().int().min(1).max(1_000_000) }),
    response: PlanRevision,
  }),
};

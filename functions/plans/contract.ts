// Contractor selection plans (KHLCNT): a procuring entity drafts, publishes and revises its plan,
// and records the packages it selected offline with their result.
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import {
  OfflineResultInput,
  PackageResult,
  PlanChanges,
  PlanCreate,
  PlanRevisionRequest,
  PlanRevisionSummary,
  PlanStatus,
  PlanSummary,
  PlanView,
} from '../../shared/plans/plan-schemas.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';

const PlanParams = z.strictObject({ planId: Id });
const tags = ['plans'];
const auth = ['procuring-entity'] as const;

export const planManageRoutes = {
  createPlan: defineRoute({
    operationId: 'createPlan',
    method: 'POST',
    path: '/plans',
    summary: "Draft a contractor selection plan (KHLCNT) for the caller's organisation",
    tags,
    auth,
    body: PlanCreate,
    response: PlanView,
    successStatus: 201,
  }),
  updatePlan: defineRoute({
    operationId: 'updatePlan',
    method: 'PATCH',
    path: '/plans/{planId}',
    summary: 'Edit a draft plan (a published plan changes by revision)',
    tags,
    auth,
    params: PlanParams,
    body: PlanChanges,
    response: PlanView,
    requiresIfMatch: true,
  }),
  publishPlan: defineRoute({
    operationId: 'publishPlan',
    method: 'POST',
    path: '/plans/{planId}/publish',
    summary:
      'Publish a draft plan: it becomes public as revision 1, and tenders may be created from its packages',
    tags,
    auth,
    params: PlanParams,
    response: PlanView,
    requiresIfMatch: true,
  }),
  revisePlan: defineRoute({
    operationId: 'revisePlan',
    method: 'POST',
    path: '/plans/{planId}/revisions',
    summary:
      'Revise a published plan: a new revision with what changed; packages with a tender or an offline result stay, as planned online or offline, and still cover their live tender',
    tags,
    auth,
    params: PlanParams,
    body: PlanRevisionRequest,
    response: z.object({ plan: PlanView, revision: PlanRevisionSummary }),
    successStatus: 201,
    requiresIfMatch: true,
  }),
  recordOfflineResult: defineRoute({
    operationId: 'recordOfflineResult',
    method: 'POST',
    path: '/plans/{planId}/packages/{packageId}/offline-result',
    summary:
      'Record the result of a package planned offline (date, awarded value, supplier), once: the online share counts it',
    tags,
    auth,
    params: z.strictObject({ planId: Id, packageId: Id }),
    body: OfflineResultInput,
    response: PackageResult,
    successStatus: 201,
  }),
  listOwnPlans: defineRoute({
    operationId: 'listOwnPlans',
    method: 'GET',
    path: '/entity/plans',
    summary: "The caller's organisation's plans, drafts included, newest first",
    tags,
    auth,
    query: PageQuery.extend({ status: PlanStatus.optional() }),
    response: Page(PlanSummary),
  }),
  getOwnPlan: defineRoute({
    operationId: 'getOwnPlan',
    method: 'GET',
    path: '/entity/plans/{planId}',
    summary: "One of the caller's organisation's plans, drafts included, with its packages' progress",
    tags,
    auth,
    params: PlanParams,
    response: PlanView,
  }),
};

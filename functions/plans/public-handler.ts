import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { planEntity } from '../../shared/entities/plans.ts';
import { NotFound } from '../../shared/errors/domain-error.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { planLifecycle } from '../../shared/lifecycle/plan-tables.ts';
import type { Plan } from '../../shared/plans/plan-schemas.ts';
import {
  getPlan,
  getPlanRevision,
  listPackageRecords,
  loadPlanRevisions,
  planRevisionSummary,
  queryPlans,
} from '../../shared/plans/plan-store.ts';
import { planSummary, planView } from '../../shared/plans/plan-views.ts';
import { planPublicRoutes } from './public-contract.ts';

/** A draft does not exist for the public: the same answer as an unknown id. */
async function publishedPlan(planId: string): Promise<Plan> {
  const plan = await getPlan(planId);
  if (!plan || plan.publishedAt === undefined) throw new NotFound('NOT_FOUND', `no published plan ${planId}`);
  return plan;
}

export const handler = httpHandler(planPublicRoutes, {
  async listPlans(request) {
    const { query } = request;
    const cursors = cursorsOf(request);
    const page = await queryPlans({
      index: 'byStatus',
      // The published plans' partition: the state the publish row leads to.
      partition: planEntity.indexPk('byStatus', { status: planLifecycle.transitions.publish.to }),
      limit: query.limit,
      startKey: await cursors.read(storedKeySchema('tenders', 'byStatus')),
    });
    return {
      body: {
        items: page.items.map(planSummary),
        nextCursor: await cursors.issue(page.lastKey as Record<string, string> | undefined),
      },
    };
  },

  async getPlan({ params }) {
    const plan = await publishedPlan(params.planId);
    return {
      body: planView(plan, await listPackageRecords(plan.planId)),
      headers: { etag: etag(plan.version) },
    };
  },

  async listPlanRevisions({ params }) {
    const plan = await publishedPlan(params.planId);
    const revisions = await loadPlanRevisions(plan.planId);
    return { body: { items: revisions.map(planRevisionSummary) } };
  },

  async getPlanRevision({ params }) {
    const plan = await publishedPlan(params.planId);
    const revision = await getPlanRevision(plan.planId, params.revision);
    if (!revision) throw new NotFound('NOT_FOUND', `plan ${plan.planId} has no revision ${params.revision}`);
    return { body: revision };
  },
});

import { actorOf } from '../../shared/audit/actor.ts';
import { writeWithAudit } from '../../shared/db/audited-write.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { onConditionFailure } from '../../shared/db/write-conflicts.ts';
import { planEntity } from '../../shared/entities/plans.ts';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/errors/domain-error.ts';
import { requireVersion } from '../../shared/errors/require-version.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { planLifecycle, planPackageLifecycle } from '../../shared/lifecycle/plan-tables.ts';
import { getOrganisation } from '../../shared/organisations/organisation-store.ts';
import { applyPlanChanges } from '../../shared/plans/plan-changes.ts';
import type { Plan, PlanRevision } from '../../shared/plans/plan-schemas.ts';
import {
  getPackageRecord,
  getPlan,
  listPackageRecords,
  packagePut,
  planProgressBump,
  planRevisionPut,
  planRevisionSummary,
  queryPlans,
} from '../../shared/plans/plan-store.ts';
import { planSummary, planView, progressOf } from '../../shared/plans/plan-views.ts';
import { newPlan, packageNext, planNext, writePlanTransition } from '../../shared/plans/plan-writes.ts';
import { refuseRevisionBreaks } from '../../shared/plans/revision-rules.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { organisationOf } from '../../shared/tenders/tender-access.ts';
import { planManageRoutes } from './contract.ts';

async function ownPlan(planId: string, organisationId: string): Promise<Plan> {
  const plan = await getPlan(planId);
  if (!plan) throw new NotFound('NOT_FOUND', `no plan ${planId}`);
  if (plan.buyer !== organisationId) {
    throw new Forbidden('FORBIDDEN', 'this plan belongs to another procuring entity');
  }
  return plan;
}

const withEtag = (plan: Plan) => ({ etag: etag(plan.version) });

export const handler = httpHandler(planManageRoutes, {
  async createPlan({ body, principal, role }) {
    const organisationId = organisationOf(principal);
    const organisation = await getOrganisation(organisationId);
    if (!organisation)
      throw new Forbidden('ORGANISATION_UNKNOWN', `organisation ${organisationId} is not registered`);
    const now = clock.iso();
    const plan = newPlan({
      planId: ulid(),
      title: body.title,
      fiscalYear: body.fiscalYear,
      ...(body.decision ? { decision: body.decision } : {}),
      packages: body.packages.map((p) => ({ packageId: ulid(), ...p })),
      currency: 'VND',
      buyer: organisationId,
      buyerName: organisation.name,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    });
    await writePlanTransition('create', undefined, plan, { actor: actorOf(principal, role), change: plan });
    return {
      body: planView(plan, new Map()),
      headers: { ...withEtag(plan), location: `/entity/plans/${plan.planId}` },
    };
  },

  async updatePlan({ params, body, principal, role, ifMatch }) {
    const current = await ownPlan(params.planId, organisationOf(principal));
    requireVersion(current, ifMatch, 'the plan');
    planLifecycle.require('edit', current.status, 'edit (revise it instead)');
    const { merged, changedFields, packageChanges } = applyPlanChanges(current, body, 'body');
    const next = planNext('edit', current, merged, clock.iso());
    await writePlanTransition('edit', current, next, {
      actor: actorOf(principal, role),
      change: { changedFields, packageChanges, changes: body },
    });
    return { body: planView(next, new Map()), headers: withEtag(next) };
  },

  async publishPlan({ params, principal, role, ifMatch }) {
    const current = await ownPlan(params.planId, organisationOf(principal));
    requireVersion(current, ifMatch, 'the plan');
    const now = clock.iso();
    const next = planNext('publish', current, { revision: 1, publishedAt: now }, now);
    const revision: PlanRevision = {
      revision: 1,
      kind: 'publication',
      at: now,
      changedFields: [],
      packageChanges: { added: next.packages.map((p) => p.packageId), removed: [], changed: [] },
      snapshot: next,
    };
    await writePlanTransition('publish', current, next, {
      actor: actorOf(principal, role),
      change: { revision: 1, publishedAt: now, packages: next.packages.length },
      items: { revision: planRevisionPut(next.planId, revision) },
    });
    return { body: planView(next, new Map()), headers: withEtag(next) };
  },

  async revisePlan({ params, body, principal, role, ifMatch }) {
    const current = await ownPlan(params.planId, organisationOf(principal));
    requireVersion(current, ifMatch, 'the plan');
    planLifecycle.require('revise', current.status, 'revise (edit a draft with PATCH)');
    const applied = applyPlanChanges(current, body.changes, 'body.changes');
    if (applied.changedFields.length === 0) {
      throw new RuleBroken('UNPROCESSABLE', 'the revision changes nothing', { field: 'body.changes' });
    }
    const records = await listPackageRecords(current.planId);
    await refuseRevisionBreaks(current, applied, records, 'body.changes');
    const now = clock.iso();
    const next = planNext('revise', current, { ...applied.merged, revision: current.revision + 1 }, now);
    const revision: PlanRevision = {
      revision: next.revision,
      kind: 'revision',
      at: now,
      note: body.note,
      changedFields: applied.changedFields,
      packageChanges: applied.packageChanges,
      snapshot: next,
    };
    await writePlanTransition('revise', current, next, {
      actor: actorOf(principal, role),
      change: {
        revision: next.revision,
        note: body.note,
        changedFields: applied.changedFields,
        packageChanges: applied.packageChanges,
      },
      items: { revision: planRevisionPut(next.planId, revision) },
    });
    return {
      body: { plan: planView(next, records), revision: planRevisionSummary(revision) },
      headers: { ...withEtag(next), location: `/plans/${next.planId}/revisions/${next.revision}` },
    };
  },

  async recordOfflineResult({ params, body, principal, role }) {
    const plan = await ownPlan(params.planId, organisationOf(principal));
    if (plan.status !== 'published') {
      throw new RuleBroken('PLAN_NOT_PUBLISHED', `plan ${plan.planId} is not published yet`);
    }
    const pkg = plan.packages.find((p) => p.packageId === params.packageId);
    if (!pkg) throw new NotFound('NOT_FOUND', `plan ${plan.planId} has no package ${params.packageId}`);
    if (pkg.online) {
      throw new RuleBroken(
        'PLAN_PACKAGE_PLANNED_ONLINE',
        `package ${pkg.packageId} is planned online: revise the plan (with its legal exception) before recording an offline result`,
      );
    }
    const now = clock.iso();
    if (Date.parse(body.awardedAt) > Date.parse(now)) {
      throw new RuleBroken('OFFLINE_RESULT_IN_FUTURE', 'the award date is in the future', {
        field: 'body.awardedAt',
      });
    }
    const current = await getPackageRecord(plan.planId, pkg.packageId);
    const actor = actorOf(principal, role);
    const next = packageNext('recordOffline', current, {
      planId: plan.planId,
      packageId: pkg.packageId,
      offlineResult: { ...body, recordedAt: now, recordedBy: principal.sub },
      updatedAt: now,
    });
    try {
      await writeWithAudit(
        [packagePut(next, 'new'), planProgressBump(plan.planId, plan.version)],
        {
          actor,
          action: planPackageLifecycle.transitions.recordOffline.audit,
          object: { type: 'plan', id: plan.planId },
          change: { packageId: pkg.packageId, offlineResult: next.offlineResult },
        },
        now,
      );
    } catch (error) {
      onConditionFailure(error, ({ index }) =>
        index === 0
          ? new Conflict('TRANSITION_NOT_ALLOWED', `package ${pkg.packageId} already has its result`)
          : undefined,
      );
    }
    return {
      body: { planId: plan.planId, packageId: pkg.packageId, progress: progressOf(next) },
      headers: { location: `/plans/${plan.planId}` },
    };
  },

  async listOwnPlans(request) {
    const { query, principal } = request;
    const organisationId = organisationOf(principal);
    const cursors = cursorsOf(request, { organisationId });
    const page = await queryPlans({
      index: 'byBuyer',
      partition: planEntity.indexPk('byBuyer', { buyer: organisationId }),
      limit: query.limit,
      startKey: await cursors.read(storedKeySchema('tenders', 'byBuyer')),
      ...(query.status ? { status: query.status } : {}),
    });
    return {
      body: {
        items: page.items.map(planSummary),
        nextCursor: await cursors.issue(page.lastKey as Record<string, string> | undefined),
      },
    };
  },

  async getOwnPlan({ params, principal }) {
    const plan = await ownPlan(params.planId, organisationOf(principal));
    return { body: planView(plan, await listPackageRecords(plan.planId)), headers: withEtag(plan) };
  },
});

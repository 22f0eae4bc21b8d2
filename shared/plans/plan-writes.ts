// The plan's and its packages' state changes, each one row of planLifecycle or planPackageLifecycle
// (shared/lifecycle/plan-tables.ts): the state comes from the row, checked against the state read.
import type { Actor } from '../audit/audit-event.ts';
import type { TransactItem } from '../db/audited-write.ts';
import type { TransitionOf } from '../lifecycle/define-lifecycle.ts';
import { planLifecycle, planPackageLifecycle } from '../lifecycle/plan-tables.ts';
import type { Plan } from './plan-schemas.ts';
import { type PackageRecord, savePlan } from './plan-store.ts';

export type PlanTransition = TransitionOf<typeof planLifecycle>;
export type PackageTransition = TransitionOf<typeof planPackageLifecycle>;

/** A new plan in the state the `create` row gives. */
export function newPlan(fields: Omit<Plan, 'status' | 'version' | 'progressVersion'>): Plan {
  return { ...fields, status: planLifecycle.next('create', undefined), version: 1, progressVersion: 0 };
}

/** The plan after `transition`: changes applied, the state the row gives, the version bumped. */
export function planNext(
  transition: PlanTransition,
  current: Plan,
  changes: Partial<Omit<Plan, 'status' | 'version' | 'updatedAt'>>,
  at: string,
  doing?: string,
): Plan {
  return {
    ...current,
    ...changes,
    status: planLifecycle.next(transition, current.status, doing),
    version: current.version + 1,
    updatedAt: at,
  };
}

/** Writes one plan transition with exactly the items its row names (`revision` for publish/revise). */
export async function writePlanTransition(
  transition: PlanTransition,
  current: Plan | undefined,
  next: Plan,
  effects: { actor: Actor; change: unknown; items?: Readonly<Record<string, TransactItem>> },
): Promise<void> {
  const row = planLifecycle.transitions[transition];
  const declared: readonly string[] = 'items' in row ? row.items : [];
  const given = Object.keys(effects.items ?? {});
  if (declared.join() !== given.join()) {
    throw new Error(`plan.${transition} declares items ${declared}, given ${given}`);
  }
  await savePlan(
    next,
    current ?? 'new',
    { actor: effects.actor, action: row.audit, change: effects.change },
    Object.values(effects.items ?? {}),
  );
}

/** The package's progress after `transition` from `current` (undefined: it has none yet). */
export function packageNext(
  transition: PackageTransition,
  current: PackageRecord | undefined,
  fields: Omit<PackageRecord, 'status' | 'version' | 'planId' | 'packageId'> & {
    planId: string;
    packageId: string;
  },
): PackageRecord {
  return {
    ...current,
    ...fields,
    status: planPackageLifecycle.next(transition, current?.status),
    version: (current?.version ?? 0) + 1,
  };
}

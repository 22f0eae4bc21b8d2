// A plan's changes (a draft's edit or a published plan's revision) applied to what is stored, and
// what they changed: the plan's fields, and per package added, removed or which fields changed.
import { InvalidInput } from '../errors/domain-error.ts';
import { ulid } from '../runtime/ids.ts';
import type { Package, PackageChanges, Plan, PlanChanges } from './plan-schemas.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const packageFieldNames = [
  'name',
  'category',
  'method',
  'estimate',
  'fundingSource',
  'plannedQuarter',
  'contractType',
  'online',
  'offlineException',
] as const;

export interface AppliedPlanChanges {
  readonly merged: Plan;
  readonly changedFields: string[];
  readonly packageChanges: PackageChanges;
}

/** `changes` over `current`; `field` prefixes the names of refused fields (`body.changes`). */
export function applyPlanChanges(current: Plan, changes: PlanChanges, field: string): AppliedPlanChanges {
  const changedFields: string[] = [];
  for (const name of ['title', 'fiscalYear', 'decision'] as const) {
    if (name in changes && !same(changes[name], current[name])) changedFields.push(name);
  }
  let packages = current.packages;
  const packageChanges: PackageChanges = { added: [], removed: [], changed: [] };
  if (changes.packages) {
    const byId = new Map(current.packages.map((p) => [p.packageId, p]));
    const seen = new Set<string>();
    packages = changes.packages.map((edit, i) => {
      const { packageId, ...fields } = edit;
      if (packageId === undefined) {
        const created: Package = { packageId: ulid(), ...fields };
        packageChanges.added.push(created.packageId);
        return created;
      }
      if (!byId.has(packageId)) {
        throw new InvalidInput('INVALID_FIELD', `${packageId} is not a package of this plan`, {
          field: `${field}.packages.${i}.packageId`,
        });
      }
      if (seen.has(packageId)) {
        throw new InvalidInput('INVALID_FIELD', `package ${packageId} is listed twice`, {
          field: `${field}.packages.${i}.packageId`,
        });
      }
      seen.add(packageId);
      const before = byId.get(packageId) as Package;
      const after: Package = { packageId, ...fields };
      const changed = packageFieldNames.filter((f) => !same(before[f], after[f]));
      if (changed.length > 0) packageChanges.changed.push({ packageId, fields: changed });
      return after;
    });
    packageChanges.removed.push(...current.packages.map((p) => p.packageId).filter((id) => !seen.has(id)));
    const moved = !same(
      current.packages.map((p) => p.packageId),
      packages.map((p) => p.packageId),
    );
    if (
      packageChanges.added.length + packageChanges.removed.length + packageChanges.changed.length > 0 ||
      moved
    ) {
      changedFields.push('packages');
    }
  }
  const merged: Plan = {
    ...current,
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.fiscalYear !== undefined ? { fiscalYear: changes.fiscalYear } : {}),
    ...(changes.decision !== undefined ? { decision: changes.decision } : {}),
    packages,
  };
  return { merged, changedFields, packageChanges };
}

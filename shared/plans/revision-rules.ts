// What a revision may not do to a package that already has progress (a tender, an offline result):
// remove it, move it between online and offline, or change what its live tender was checked
// against (category, method) or lower its estimate below that tender's lots. Everything else, and
// every package without progress, may change: that is what revising the plan first is for.
import { type FieldIssue, RuleBroken } from '../errors/domain-error.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { getTender } from '../tenders/tender-store.ts';
import { packageIssues } from './package-link.ts';
import type { AppliedPlanChanges } from './plan-changes.ts';
import type { Plan } from './plan-schemas.ts';
import type { PackageRecord } from './plan-store.ts';

const ended: readonly Tender['status'][] = ['cancelled', 'unsuccessful'];

export async function refuseRevisionBreaks(
  current: Plan,
  applied: AppliedPlanChanges,
  records: ReadonlyMap<string, PackageRecord>,
  field: string,
): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const removed of applied.packageChanges.removed) {
    const record = records.get(removed);
    if (record) {
      issues.push({
        field: `${field}.packages`,
        message: `package ${removed} has ${record.status === 'offline' ? 'an offline result' : 'a tender'} and stays in the plan`,
        code: 'PLAN_PACKAGE_IN_USE',
      });
    }
  }
  for (const [i, pkg] of applied.merged.packages.entries()) {
    const record = records.get(pkg.packageId);
    const before = current.packages.find((p) => p.packageId === pkg.packageId);
    if (!record || !before) continue;
    if (pkg.online !== before.online) {
      issues.push({
        field: `${field}.packages.${i}.online`,
        message: `package ${pkg.packageId} has ${record.status === 'offline' ? 'an offline result' : 'a tender'}: it stays ${before.online ? 'online' : 'offline'}`,
        code: 'PLAN_PACKAGE_IN_USE',
      });
      continue;
    }
    if (record.status !== 'tendering' || !record.tenderId) continue;
    const tender = await getTender(record.tenderId);
    if (!tender || ended.includes(tender.status)) continue;
    // The live tender must still fit the package as revised.
    for (const issue of packageIssues(pkg, tender, 'tender')) {
      const name = issue.field.replace(/^tender\./, '');
      const own = {
        category: 'category',
        procurementMethod: 'method',
        currency: 'estimate',
        lots: 'estimate',
      }[name];
      issues.push({
        ...issue,
        field: `${field}.packages.${i}.${own ?? name}`,
        message: `tender ${tender.tenderId} of this package: ${issue.message.replace(': revise the plan first', '')}`,
      });
    }
  }
  if (issues.length > 0) {
    const [first] = issues as [FieldIssue];
    throw new RuleBroken(
      (first.code ?? 'PLAN_PACKAGE_IN_USE') as 'PLAN_PACKAGE_IN_USE',
      `the revision breaks a package in use: ${first.message}`,
      { errors: issues },
    );
  }
}

// Tenders come from plan packages (domain.md "Plans first"): a draft names its plan and package,
// and is refused (422, naming the field) when the package cannot take it: the plan is not
// published or not the caller's, the package is planned offline, its category or method differs,
// or the lots' estimates sum above the package's estimate (revise the plan first). A package has
// one live tender; once that tender is cancelled or unsuccessful a new one may be made from it.
// The link is written both ways in the tender's creation: the tender names planId + packageId,
// the package's PACKAGE# item names the tender, and the plan's progressVersion moves on condition
// its content is still what was checked here.
import type { TransactItem } from '../db/audited-write.ts';
import { Conflict, type FieldIssue, RuleBroken } from '../errors/domain-error.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { getTender } from '../tenders/tender-store.ts';
import type { Package, Plan } from './plan-schemas.ts';
import { getPackageRecord, getPlan, packagePut, planProgressBump } from './plan-store.ts';
import { packageNext } from './plan-writes.ts';

/** Tender statuses after which the package is free for a new tender. */
const endedStatuses: readonly Tender['status'][] = ['cancelled', 'unsuccessful'];

type TenderTerms = Pick<Tender, 'buyer' | 'category' | 'procurementMethod' | 'currency' | 'lots'>;

const lotsTotal = (lots: TenderTerms['lots']) => lots.reduce((sum, l) => sum + l.estimatedValue, 0);

/** Issues of `tender` against `pkg`; `field` prefixes the tender's fields (`body`, `body.changes`). */
export function packageIssues(pkg: Package, tender: TenderTerms, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (tender.category !== pkg.category) {
    issues.push({
      field: `${field}.category`,
      message: `the plan package is ${pkg.category}`,
      code: 'PLAN_PACKAGE_MISMATCH',
    });
  }
  if (tender.procurementMethod !== pkg.method) {
    issues.push({
      field: `${field}.procurementMethod`,
      message: `the plan package is selected by ${pkg.method}`,
      code: 'PLAN_PACKAGE_MISMATCH',
    });
  }
  if (tender.currency !== 'VND') {
    issues.push({
      field: `${field}.currency`,
      message: 'the plan package is estimated in VND',
      code: 'PLAN_PACKAGE_MISMATCH',
    });
  }
  const total = lotsTotal(tender.lots);
  if (total > pkg.estimate) {
    issues.push({
      field: `${field}.lots`,
      message: `the lots' estimates sum to ${total} VND, above the plan package's estimate of ${pkg.estimate} VND: revise the plan first`,
      code: 'PLAN_ESTIMATE_EXCEEDED',
      limit: pkg.estimate,
      value: total,
      unit: 'vnd',
    });
  }
  return issues;
}

function throwIfPackageIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  const [first] = issues as [FieldIssue];
  const code = issues.every((i) => i.code === first.code) ? first.code : 'PLAN_PACKAGE_MISMATCH';
  throw new RuleBroken(
    code as 'PLAN_PACKAGE_MISMATCH',
    `the tender does not fit its plan package: ${first.message}`,
    {
      errors: issues,
    },
  );
}

async function planAndPackage(
  planId: string,
  packageId: string,
  buyer: string,
  field: string,
): Promise<{ plan: Plan; pkg: Package }> {
  const plan = await getPlan(planId);
  if (!plan || plan.buyer !== buyer) {
    throw new RuleBroken('PLAN_PACKAGE_UNKNOWN', `no plan ${planId} of this procuring entity`, {
      field: `${field}.planId`,
    });
  }
  if (plan.status !== 'published') {
    throw new RuleBroken('PLAN_NOT_PUBLISHED', `plan ${planId} is not published yet`, {
      field: `${field}.planId`,
    });
  }
  const pkg = plan.packages.find((p) => p.packageId === packageId);
  if (!pkg) {
    throw new RuleBroken('PLAN_PACKAGE_UNKNOWN', `plan ${planId} has no package ${packageId}`, {
      field: `${field}.packageId`,
    });
  }
  return { plan, pkg };
}

/**
 * The items that link a new tender to its plan package, after every check above: the package's
 * progress (tendering, naming the tender) and the plan's progress bump.
 */
export async function planPackageLink(
  tender: TenderTerms & Pick<Tender, 'tenderId' | 'updatedAt'> & { planId: string; packageId: string },
  field = 'body',
): Promise<{ planPackage: TransactItem; planProgress: TransactItem }> {
  const { plan, pkg } = await planAndPackage(tender.planId, tender.packageId, tender.buyer, field);
  if (!pkg.online) {
    throw new RuleBroken(
      'PLAN_PACKAGE_PLANNED_OFFLINE',
      `package ${pkg.packageId} is planned offline (${pkg.offlineException}): revise the plan to bid it online`,
      { field: `${field}.packageId` },
    );
  }
  throwIfPackageIssues(packageIssues(pkg, tender, field));
  const current = await getPackageRecord(plan.planId, pkg.packageId);
  if (current?.status === 'offline') {
    throw new Conflict('PLAN_PACKAGE_DONE_OFFLINE', `package ${pkg.packageId} was done offline`, {
      details: { planId: plan.planId, packageId: pkg.packageId },
    });
  }
  let transition: 'link' | 'relink' = 'link';
  let previousTenderIds: readonly string[] | undefined;
  if (current?.tenderId) {
    const live = await getTender(current.tenderId);
    if (live && !endedStatuses.includes(live.status)) {
      throw new Conflict(
        'PLAN_PACKAGE_HAS_LIVE_TENDER',
        `package ${pkg.packageId} already has tender ${current.tenderId} (${live.status})`,
        {
          details: { tenderId: current.tenderId },
          errors: [{ field: `${field}.packageId`, message: 'has a live tender' }],
        },
      );
    }
    transition = 'relink';
    previousTenderIds = [...(current.previousTenderIds ?? []), current.tenderId];
  }
  const next = packageNext(transition, current, {
    planId: plan.planId,
    packageId: pkg.packageId,
    tenderId: tender.tenderId,
    ...(previousTenderIds ? { previousTenderIds } : {}),
    updatedAt: tender.updatedAt,
  });
  return {
    planPackage: packagePut(next, current ? current.version : 'new'),
    planProgress: planProgressBump(plan.planId, plan.version),
  };
}

/** A linked tender's edit or amendment must still fit its package (the plan may have been revised). */
export async function refusePlanBreaks(
  tender: TenderTerms & { planId?: string | undefined; packageId?: string | undefined },
  field: string,
): Promise<void> {
  if (!tender.planId || !tender.packageId) return;
  const { pkg } = await planAndPackage(tender.planId, tender.packageId, tender.buyer, field);
  throwIfPackageIssues(packageIssues(pkg, tender, field));
}

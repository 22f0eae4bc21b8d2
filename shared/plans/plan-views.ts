// What the API shows of a plan: its packages each with its progress (planned, tendering, offline),
// and the summary its lists carry.
import type { PackageProgress, Plan, PlanSummary, PlanView } from './plan-schemas.ts';
import type { PackageRecord } from './plan-store.ts';

export function progressOf(record: PackageRecord | undefined): PackageProgress {
  if (!record) return { state: 'planned' };
  return {
    state: record.status,
    ...(record.tenderId ? { tenderId: record.tenderId } : {}),
    ...(record.previousTenderIds?.length ? { previousTenderIds: [...record.previousTenderIds] } : {}),
    ...(record.offlineResult ? { offlineResult: record.offlineResult } : {}),
  };
}

export function planView(plan: Plan, records: ReadonlyMap<string, PackageRecord>): PlanView {
  return {
    ...plan,
    packages: plan.packages.map((p) => ({ ...p, progress: progressOf(records.get(p.packageId)) })),
  };
}

export function planSummary(p: Plan): PlanSummary {
  const summary: PlanSummary = {
    planId: p.planId,
    title: p.title,
    fiscalYear: p.fiscalYear,
    buyer: p.buyer,
    buyerName: p.buyerName,
    status: p.status,
    revision: p.revision,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    packageCount: p.packages.length,
    totalEstimate: p.packages.reduce((sum, x) => sum + x.estimate, 0),
  };
  if (p.publishedAt) summary.publishedAt = p.publishedAt;
  return summary;
}

// The OCDS `planning` block of a tender made from a plan package (shared/plans/): the package's
// budget (its estimate and funding source), the plan as a `procurementPlan` document, its approving
// decision as the rationale, and the planned quarter as a pre-procurement milestone. Each release
// shows the plan as it stood at the release's date: the latest plan revision published by then.
import type { PlanRevision } from '../plans/plan-schemas.ts';
import { ocdsValue } from './amount.ts';
import type { OcdsPlanning } from './ocds-schemas.ts';

export interface PlanSource {
  readonly packageId: string;
  /** Every published revision of the plan, oldest first. */
  readonly revisions: readonly PlanRevision[];
}

/** The first day (UTC) of a `2026-Q2` quarter. */
function quarterStart(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return new Date(Date.UTC(Number(year), (Number(q) - 1) * 3, 1)).toISOString();
}

export function planningSection(
  plan: PlanSource | undefined,
  date: number,
  baseUrl: string,
): OcdsPlanning | undefined {
  if (!plan) return undefined;
  const revision = plan.revisions.filter((r) => Date.parse(r.at) <= date).at(-1) ?? plan.revisions[0];
  const pkg = revision?.snapshot.packages.find((p) => p.packageId === plan.packageId);
  if (!revision || !pkg) return undefined;
  const p = revision.snapshot;
  const decision = p.decision ? ` (Quyết định số ${p.decision.number} ngày ${p.decision.date})` : '';
  const [year, q] = pkg.plannedQuarter.split('-Q');
  return {
    rationale: `Kế hoạch lựa chọn nhà thầu năm ${p.fiscalYear}: ${p.title}${decision}; gói thầu: ${pkg.name}`,
    budget: {
      id: pkg.packageId,
      description: pkg.fundingSource,
      amount: ocdsValue(pkg.estimate, p.currency),
    },
    documents: [
      {
        id: 'procurement-plan',
        documentType: 'procurementPlan',
        title: p.title,
        description: `Lần ${revision.revision === 1 ? 'công bố' : `điều chỉnh (lần ${revision.revision})`}`,
        url: `${baseUrl}/plans/${p.planId}/revisions/${revision.revision}`,
        datePublished: revision.at,
        format: 'application/json',
      },
    ],
    milestones: [
      {
        id: 'planned-start',
        title: 'Thời gian bắt đầu tổ chức lựa chọn nhà thầu',
        type: 'preProcurement',
        description: `Quý ${q}/${year}`,
        dueDate: quarterStart(pkg.plannedQuarter),
      },
    ],
  };
}

// The stored evaluation report as the award step reads it: who ranked where in a lot, and at what
// price after discount (the most a contract for that award may be worth).
import { resources } from '../config/settings.ts';
import type { EvaluationReport } from '../evaluation/index.ts';
import { readStoredText } from '../storage/stored-object.ts';
import type { EvaluationState } from './evaluation-store.ts';

export interface RankedBid {
  readonly bidId: string;
  readonly contractorId: string;
  readonly rank: number;
  readonly priceAfterDiscount: string;
}

export async function readReport(evaluation: EvaluationState): Promise<EvaluationReport | undefined> {
  if (!evaluation.report) return undefined;
  const text = await readStoredText(
    resources.bucket('log'),
    evaluation.report.objectKey,
    'evaluation report',
  );
  return (JSON.parse(text) as { report: EvaluationReport }).report;
}

export function lotRanking(report: EvaluationReport, lotId: string): RankedBid[] {
  const lot = report.steps.ranking.find((l) => l.lotId === lotId);
  const prices = new Map(report.steps.computation.map((c) => [c.bidId, c.priceAfterDiscount]));
  return (lot?.ranked ?? []).map((r) => ({
    bidId: r.bidId,
    contractorId: r.contractorId,
    rank: r.rank,
    priceAfterDiscount: prices.get(r.bidId) ?? '0',
  }));
}

/** Lots with at least one ranked bid: the ones that need an award. */
export const rankedLots = (report: EvaluationReport) =>
  report.steps.ranking.filter((l) => l.ranked.length > 0).map((l) => l.lotId);

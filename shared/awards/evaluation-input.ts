// From what was opened (the minutes) and what the evaluators entered, the exact input of
// shared/evaluation's evaluate(): the report then lists each step's inputs and results, and the
// stored document carries this input beside it, so anyone can re-run the ranking.
import type { BidInput, EvaluationInput } from '../evaluation/index.ts';
import type { Minutes, MinutesBid } from '../opening/minutes-schema.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import type { EvaluationEntries } from './evaluation-store.ts';

export const scoredMethods = new Set(['combined', 'technical-score']);
export const adjustedMethods = new Set(['evaluated-price', 'combined']);

/** The valid bids in lots that reached the tender's minimum: the ones evaluation considers. */
export function evaluableBids(minutes: Minutes): MinutesBid[] {
  const open = new Set(minutes.lots.filter((l) => l.outcome === 'opened').map((l) => l.lotId));
  return minutes.bids.filter((b) => open.has(b.lotId));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildEvaluationInput(
  tender: Pick<Tender, 'currency' | 'evaluation'>,
  priced: Minutes,
  entries: EvaluationEntries,
): EvaluationInput {
  const { method, technicalWeight, priceWeight, minTechnicalScore } = tender.evaluation;
  const scored = scoredMethods.has(method);
  const adjusted = adjustedMethods.has(method);
  const bids = evaluableBids(priced).map((bid): BidInput => {
    const eligibility = entries.eligibility
      .filter((e) => e.bidId === bid.bidId)
      .sort((a, b) => byText(a.criterion, b.criterion))
      .map((e) => ({ criterion: e.criterion, pass: e.pass, ...(e.reason ? { reason: e.reason } : {}) }));
    const adjustments = entries.adjustments
      .filter((a) => a.bidId === bid.bidId)
      .sort((a, b) => byText(a.label, b.label))
      .map((a) => ({ label: a.label, amount: a.amount }));
    const scores = entries.technicalScores
      .filter((s) => s.bidId === bid.bidId)
      .sort((a, b) => byText(a.evaluatorId, b.evaluatorId) || byText(a.criterion, b.criterion))
      .map((s) => ({ evaluatorId: s.evaluatorId, criterion: s.criterion, points: s.points, outOf: s.outOf }));
    const discount = bid.discount ?? undefined;
    return {
      bidId: bid.bidId,
      contractorId: bid.contractorId,
      lotId: bid.lotId,
      price: bid.price?.amount ?? '0',
      ...(discount ? { discount } : {}),
      ...(adjusted && adjustments.length > 0 ? { adjustments } : {}),
      eligibility,
      ...(scored && scores.length > 0 ? { technicalScore: { kind: 'evaluators' as const, scores } } : {}),
      receivedAt: bid.receivedAt,
    };
  });
  return {
    method,
    currency: tender.currency,
    ...(method === 'combined'
      ? { weights: { technicalPercent: technicalWeight ?? 0, pricePercent: priceWeight ?? 0 } }
      : {}),
    ...(scored ? { maxScore: 100 } : {}),
    ...(scored && minTechnicalScore !== undefined ? { minTechnicalScore } : {}),
    bids,
  };
}

/**
 * A bid's technical score on the 100-point scale, as the evaluation computes it (all points over
 * all maxima), for the two-envelope compliance check; undefined when no one scored it.
 */
export function technicalScoreOf(entries: EvaluationEntries, bidId: string): number | undefined {
  const scores = entries.technicalScores.filter((s) => s.bidId === bidId);
  if (scores.length === 0) return undefined;
  const points = scores.reduce((sum, s) => sum + s.points, 0);
  const outOf = scores.reduce((sum, s) => sum + s.outOf, 0);
  return (100 * points) / outOf;
}

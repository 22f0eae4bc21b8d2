// The benchmark's evaluation inputs, shared with test/evaluation/same-report.test.ts so that the
// report comparison runs on exactly the bids that are timed. Fixed seed: every run and every
// machine evaluates the same bids.
import type { BidInput, EvaluationInput } from '../../shared/evaluation/index.ts';

export type Method = EvaluationInput['method'];

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

function bids(method: Method, sheets: boolean, bidCount: number): BidInput[] {
  const next = lcg(20250310);
  const scored = method === 'combined' || method === 'technical-score';
  const adjusted = method === 'evaluated-price' || method === 'combined';
  return Array.from({ length: bidCount }, (_, i): BidInput => {
    const price = 1_000_000_000 + (next() % 500) * 1_000_000;
    const eligible = next() % 10 !== 0;
    const technicalScore: BidInput['technicalScore'] = sheets
      ? {
          kind: 'evaluators',
          scores: ['e1', 'e2', 'e3'].flatMap((evaluatorId) =>
            ['method', 'staff', 'plan', 'experience'].map((criterion) => ({
              evaluatorId,
              criterion,
              points: 15 + (next() % 11),
              outOf: 25,
            })),
          ),
        }
      : { kind: 'agreed', points: 60 + (next() % 41), outOf: 100 };
    return {
      bidId: `bid-${String(i).padStart(6, '0')}`,
      contractorId: `contractor-${i}`,
      lotId: 'lot-1',
      price,
      ...(i % 3 === 0 ? { discount: { kind: 'percent' as const, basisPoints: next() % 500 } } : {}),
      ...(adjusted
        ? {
            adjustments: [
              { label: 'life-cycle cost', amount: (next() % 100) * 1_000_000 },
              { label: 'deviation', amount: -((next() % 20) * 1_000_000) },
            ],
          }
        : {}),
      eligibility: [
        { criterion: 'legal-status', pass: true },
        eligible
          ? { criterion: 'bid-security', pass: true }
          : { criterion: 'bid-security', pass: false, reason: 'guarantee too short' },
      ],
      ...(scored ? { technicalScore } : {}),
      receivedAt: `2025-03-10T01:${String(next() % 60).padStart(2, '0')}:${String(next() % 60).padStart(2, '0')}.${next() % 1000}Z`,
    };
  });
}

const settings: Record<Method, Partial<EvaluationInput>> = {
  'lowest-price': {},
  'evaluated-price': {},
  combined: { weights: { technicalPercent: 70, pricePercent: 30 }, minTechnicalScore: 70 },
  'technical-score': { minTechnicalScore: 70 },
};

// The scored methods take one agreed score per bid, as the evaluation team records it; the
// "Sheets" case gives every bid three evaluators' sheets of four criteria instead (12 scores a bid,
// 120,000 in all), the heaviest input the schema allows for in practice.
export const BENCH_CASES: readonly { name: string; method: Method; sheets: boolean }[] = [
  { name: 'lowestPrice', method: 'lowest-price', sheets: false },
  { name: 'evaluatedPrice', method: 'evaluated-price', sheets: false },
  { name: 'combined', method: 'combined', sheets: false },
  { name: 'technicalScore', method: 'technical-score', sheets: false },
  { name: 'combinedSheets', method: 'combined', sheets: true },
];

/** One lot of `bidCount` bids evaluated by `method`, the same bids on every call. */
export function benchInput(method: Method, sheets: boolean, bidCount: number): EvaluationInput {
  return { method, currency: 'VND', ...settings[method], bids: bids(method, sheets, bidCount) };
}

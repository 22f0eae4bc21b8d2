// `npm run bench -- evaluate [bids] [runs]`: evaluate() on one lot of N bids (default 10,000) by
// each method, schema validation included; reports the median and p95 over the timed runs.
import { evaluateValidated } from '../shared/evaluation/evaluate.ts';
import {
  type BidInput,
  type EvaluationInput,
  evaluate,
  EvaluationInput as InputSchema,
} from '../shared/evaluation/index.ts';
import { percentile, progress, report, round } from './report.ts';

const bidCount = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 15);
const warmups = 3;

// A fixed-seed generator so that every run and every machine evaluates the same bids.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

function bids(method: EvaluationInput['method']): BidInput[] {
  const next = lcg(20250310);
  const scored = method === 'combined' || method === 'technical-score';
  const adjusted = method === 'evaluated-price' || method === 'combined';
  return Array.from({ length: bidCount }, (_, i): BidInput => {
    const price = 1_000_000_000 + (next() % 500) * 1_000_000;
    const eligible = next() % 10 !== 0;
    const seconds = String(next() % 60).padStart(2, '0');
    const technicalScore: BidInput['technicalScore'] =
      i % 2 === 0
        ? { kind: 'agreed', points: 60 + (next() % 41), outOf: 100 }
        : {
            kind: 'evaluators',
            scores: ['e1', 'e2', 'e3'].flatMap((evaluatorId) =>
              ['method', 'staff', 'plan', 'experience'].map((criterion) => ({
                evaluatorId,
                criterion,
                points: 15 + (next() % 11),
                outOf: 25,
              })),
            ),
          };
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
          : { criterion: 'bid-security', pass: false, reason: 'short' },
      ],
      ...(scored ? { technicalScore } : {}),
      receivedAt: `2025-03-10T01:${String(next() % 60).padStart(2, '0')}:${seconds}.${next() % 1000}Z`,
    };
  });
}

const settings: Record<EvaluationInput['method'], Partial<EvaluationInput>> = {
  'lowest-price': {},
  'evaluated-price': {},
  combined: { weights: { technicalPercent: 70, pricePercent: 30 }, minTechnicalScore: 70 },
  'technical-score': { minTechnicalScore: 70 },
};

const figures: Record<string, number> = {};
for (const method of ['lowest-price', 'evaluated-price', 'combined', 'technical-score'] as const) {
  const input: EvaluationInput = { method, currency: 'VND', ...settings[method], bids: bids(method) };
  // Whole evaluate() (what callers pay), and its two halves: validation, and ranking proper.
  const stages = {
    '': () => evaluate(input),
    Validate: () => InputSchema.parse(input),
    Rank: (() => {
      const parsed = InputSchema.parse(input);
      return () => evaluateValidated(parsed);
    })(),
  };
  const key = method.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  for (const [stage, run] of Object.entries(stages)) {
    const times: number[] = [];
    for (let i = 0; i < warmups + runs; i++) {
      globalThis.gc?.();
      const start = performance.now();
      run();
      const elapsed = performance.now() - start;
      if (i >= warmups) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    figures[`${key}${stage}MedianMs`] = round(percentile(times, 50));
    figures[`${key}${stage}P95Ms`] = round(percentile(times, 95));
  }
  const ranked = evaluate(input).steps.ranking.reduce((n, lot) => n + lot.ranked.length, 0);
  progress(
    `${method}: ${ranked} of ${bidCount} ranked; median ${figures[`${key}MedianMs`]} ms ` +
      `(validate ${figures[`${key}ValidateMedianMs`]} ms, rank ${figures[`${key}RankMedianMs`]} ms)`,
  );
}

report({ bench: 'evaluate', bids: bidCount, runs, targetMs: 50, ...figures });

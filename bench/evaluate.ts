// `npm run bench -- evaluate [bids] [runs]`: evaluate() on one lot of N bids (default 10,000) by
// each method. Figures per case: median and p95 of the whole call (what a caller pays, schema
// validation included), and the medians of its two halves, validation and ranking. Wall-clock and
// process CPU time are both kept, with the fastest run: on a shared machine the median of either
// mostly measures the neighbours, and the minimum is the closest to the code's own cost.
import { evaluateValidated } from '../shared/evaluation/evaluate.ts';
import {
  type BidInput,
  type EvaluationInput,
  evaluate,
  EvaluationInput as InputSchema,
} from '../shared/evaluation/index.ts';
import { percentile, progress, report, round } from './report.ts';

const bidCount = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 21);
const warmups = 5;

// A fixed-seed generator so that every run and every machine evaluates the same bids.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

type Method = EvaluationInput['method'];

function bids(method: Method, sheets: boolean): BidInput[] {
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
const cases: { name: string; method: Method; sheets: boolean }[] = [
  { name: 'lowestPrice', method: 'lowest-price', sheets: false },
  { name: 'evaluatedPrice', method: 'evaluated-price', sheets: false },
  { name: 'combined', method: 'combined', sheets: false },
  { name: 'technicalScore', method: 'technical-score', sheets: false },
  { name: 'combinedSheets', method: 'combined', sheets: true },
];

function measure(run: () => unknown): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    globalThis.gc?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (i < warmups) continue;
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { wall, cpu };
}

const figures: Record<string, number> = {};
for (const { name, method, sheets } of cases) {
  const input: EvaluationInput = { method, currency: 'VND', ...settings[method], bids: bids(method, sheets) };
  const parsed = InputSchema.parse(input);
  const whole = measure(() => evaluate(input));
  const validate = measure(() => InputSchema.parse(input));
  const rank = measure(() => evaluateValidated(parsed));
  figures[`${name}MedianMs`] = round(percentile(whole.wall, 50));
  figures[`${name}P95Ms`] = round(percentile(whole.wall, 95));
  figures[`${name}MinMs`] = round(whole.wall[0] ?? Number.NaN);
  figures[`${name}CpuMedianMs`] = round(percentile(whole.cpu, 50));
  figures[`${name}ValidateMedianMs`] = round(percentile(validate.wall, 50));
  figures[`${name}RankMedianMs`] = round(percentile(rank.wall, 50));
  const ranked = evaluate(input).steps.ranking.reduce((n, lot) => n + lot.ranked.length, 0);
  progress(
    `${name}: ${ranked} of ${bidCount} ranked; median ${figures[`${name}MedianMs`]} ms wall, ` +
      `${figures[`${name}CpuMedianMs`]} ms CPU (validate ${figures[`${name}ValidateMedianMs`]}, ` +
      `rank ${figures[`${name}RankMedianMs`]})`,
  );
}

report({ bench: 'evaluate', bids: bidCount, runs, targetMs: 50, ...figures });

// `npm run bench -- evaluate [bids] [runs]`: one lot of N bids (default 10,000) by each method.
// The headline per method (`<method>MedianMs`, also in `callMedianMs`; #14's target, targetMs) is
// the whole evaluation call as the evaluation worker makes it (shared/awards/evaluation-pipeline.ts
// rankStoredInput): readBackValidated on the input the ranking request validated and stored (read
// back as parsed JSON; its structural check included), then rankValidated. zod runs once, when the
// request stores the input, not in this call. Beside it, measured in the same run: the baseline
// evaluate(raw) (`<method>Full…`: zod over every bid, then the ranking, the call as it was before
// validation moved to storage) and the ratio of the two; validation alone (what the ranking request
// pays once when it stores the input, also per bid); the ranking alone and the ranking as it was
// before the pre-validated path (test/evaluation/legacy). Wall-clock and process CPU time are both
// kept, with the fastest run: on a shared machine the wall-clock median mostly measures the
// neighbours, the CPU time much less so, and the minimum is the closest to the code's own cost.
import {
  evaluate,
  rankValidated,
  readBackValidated,
  validateEvaluation,
} from '../shared/evaluation/index.ts';
import { evaluateValidated as legacyRank } from '../test/evaluation/legacy/evaluate.ts';
import { percentile, progress, report, round } from './report.ts';
import { BENCH_CASES, benchInput } from './support/evaluation-inputs.ts';

const bidCount = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 21);
const warmups = 5;
const targetMs = 50;

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
}

/** Times each of `calls`, round-robin (so that every one sees the machine's load alike). */
function measure(calls: readonly (() => unknown)[]): Timing[] {
  const timings = calls.map((): Timing => ({ wall: [], cpu: [] }));
  for (let i = 0; i < warmups + runs; i++) {
    calls.forEach((run, c) => {
      globalThis.gc?.();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      run();
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      if (i < warmups) return;
      const t = timings[c] as Timing;
      t.wall.push(elapsed);
      t.cpu.push((used.user + used.system) / 1000);
    });
  }
  for (const t of timings) {
    t.wall.sort((a, b) => a - b);
    t.cpu.sort((a, b) => a - b);
  }
  return timings;
}

const figures: Record<string, number> = {};
const callMedianMs: Record<string, number> = {};
const callCpuMedianMs: Record<string, number> = {};
function record(prefix: string, t: Timing): void {
  figures[`${prefix}MedianMs`] = round(percentile(t.wall, 50));
  figures[`${prefix}P95Ms`] = round(percentile(t.wall, 95));
  figures[`${prefix}MinMs`] = round(t.wall[0] ?? Number.NaN);
  figures[`${prefix}CpuMedianMs`] = round(percentile(t.cpu, 50));
  figures[`${prefix}CpuMinMs`] = round(t.cpu[0] ?? Number.NaN);
}

let ok = true;
for (const { name, method, sheets } of BENCH_CASES) {
  const input = benchInput(method, sheets, bidCount);
  // What the ranking request stores: the input as JSON (amounts as digits), read back as parsed JSON.
  const stored = JSON.parse(JSON.stringify(input));
  const validated = validateEvaluation(input);
  const legacyInput = validateEvaluation(input);
  const expected = JSON.stringify(evaluate(input));
  if (JSON.stringify(rankValidated(readBackValidated(stored))) !== expected) {
    throw new Error(`${name}: the pre-validated path's report differs from evaluate(raw)'s`);
  }

  const [prevalidated, full, validate, rankOnly, legacy] = measure([
    () => rankValidated(readBackValidated(stored)),
    () => evaluate(input),
    () => validateEvaluation(input),
    () => rankValidated(validated),
    () => legacyRank(legacyInput),
  ]) as [Timing, Timing, Timing, Timing, Timing];
  record(name, prevalidated);
  record(`${name}Full`, full);
  figures[`${name}ValidateMedianMs`] = round(percentile(validate.wall, 50));
  figures[`${name}ValidateCpuMedianMs`] = round(percentile(validate.cpu, 50));
  figures[`${name}ValidateMinMs`] = round(validate.wall[0] ?? Number.NaN);
  figures[`${name}ValidateUsPerBid`] = round((1000 * percentile(validate.wall, 50)) / bidCount);
  figures[`${name}RankMedianMs`] = round(percentile(rankOnly.wall, 50));
  figures[`${name}RankMinMs`] = round(rankOnly.wall[0] ?? Number.NaN);
  figures[`${name}LegacyRankMedianMs`] = round(percentile(legacy.wall, 50));
  figures[`${name}LegacyRankMinMs`] = round(legacy.wall[0] ?? Number.NaN);
  figures[`${name}FullOverCall`] = round(percentile(full.wall, 50) / percentile(prevalidated.wall, 50), 1);
  callMedianMs[name] = figures[`${name}MedianMs`] as number;
  callCpuMedianMs[name] = figures[`${name}CpuMedianMs`] as number;
  if ((figures[`${name}MedianMs`] as number) > targetMs) ok = false;
  const ranked = evaluate(input).steps.ranking.reduce((n, lot) => n + lot.ranked.length, 0);
  progress(
    `${name}: ${ranked} of ${bidCount} ranked; the call (read-back + rank) median ${figures[`${name}MedianMs`]} ms wall ` +
      `(${figures[`${name}CpuMedianMs`]} CPU, min ${figures[`${name}MinMs`]}); full evaluate(raw) ` +
      `${figures[`${name}FullMedianMs`]} ms; validation ${figures[`${name}ValidateMedianMs`]} ms ` +
      `(${figures[`${name}ValidateUsPerBid`]} µs a bid); ranking before ${figures[`${name}LegacyRankMedianMs`]} ms`,
  );
}

report({
  bench: 'evaluate',
  bids: bidCount,
  runs,
  targetMs,
  ok,
  callMedianMs,
  maxCallMedianMs: Math.max(...Object.values(callMedianMs)),
  callCpuMedianMs,
  maxCallCpuMedianMs: Math.max(...Object.values(callCpuMedianMs)),
  ...figures,
});

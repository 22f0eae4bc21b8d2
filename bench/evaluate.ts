// `npm run bench -- evaluate [bids] [runs]`: one lot of N bids (default 10,000) by each method.
// The target (targetMs) applies to the pre-validated path, the call the evaluation worker makes at
// ranking time: readBackValidated on the input the ranking request validated and stored, then
// rankValidated (whatever checks remain at rank time included). Beside it, measured in the same
// run: the full path evaluate(raw) (validation + ranking, for callers holding raw input) as the
// baseline, validation alone (what the ranking request now pays once when it stores the input, also
// per bid), and the ranking as it was before the pre-validated path (test/evaluation/legacy), for
// the speed-up of ranking itself. Wall-clock and process CPU time are both kept, with the fastest
// run: on a shared machine the median of either mostly measures the neighbours, and the minimum is
// the closest to the code's own cost.
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

function measure(run: () => unknown): Timing {
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

  const prevalidated = measure(() => rankValidated(readBackValidated(stored)));
  const full = measure(() => evaluate(input));
  const validate = measure(() => validateEvaluation(input));
  const rankOnly = measure(() => rankValidated(validated));
  const legacy = measure(() => legacyRank(legacyInput));
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
  if ((figures[`${name}MedianMs`] as number) > targetMs) ok = false;
  const ranked = evaluate(input).steps.ranking.reduce((n, lot) => n + lot.ranked.length, 0);
  progress(
    `${name}: ${ranked} of ${bidCount} ranked; pre-validated median ${figures[`${name}MedianMs`]} ms wall ` +
      `(${figures[`${name}CpuMedianMs`]} CPU, min ${figures[`${name}MinMs`]}); full evaluate(raw) ` +
      `${figures[`${name}FullMedianMs`]} ms; validation ${figures[`${name}ValidateMedianMs`]} ms ` +
      `(${figures[`${name}ValidateUsPerBid`]} µs a bid); ranking before ${figures[`${name}LegacyRankMedianMs`]} ms`,
  );
}

report({ bench: 'evaluate', bids: bidCount, runs, targetMs, ok, ...figures });

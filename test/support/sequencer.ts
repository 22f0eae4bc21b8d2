// The order test files start in. A fresh clone (CI) has no vitest cache, and vitest then starts
// the largest files first, which puts the files that spawn `npm start` (minutes each) near the
// end: the run's last two minutes went to one of them while the other workers had nothing left.
// Longest first (LPT scheduling) from the durations measured in a full run and kept in
// durations.json lets the short files fill the tail instead. A duration vitest cached in an
// earlier run on this machine wins (it is fresher); a file in neither, a new one, starts first,
// as vitest does, so that its duration cannot make the run longer by starting late.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per test file, relative to the project root, from `npm run test:durations`. */
export const durationsFile = new URL('./durations.json', import.meta.url);

export function recordedDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(durationsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const recorded = recordedDurations();
    const seconds = (spec: TestSpecification): number => {
      const cached = this.ctx.cache.getTestSpecificationResult(spec);
      if (cached && !cached.failed && cached.duration > 0) return cached.duration / 1000;
      return recorded[relative(spec.project.config.root, spec.moduleId)] ?? Number.POSITIVE_INFINITY;
    };
    const known = new Map(files.map((spec) => [spec, seconds(spec)]));
    return [...files].sort((a, b) => (known.get(b) ?? 0) - (known.get(a) ?? 0));
  }
}

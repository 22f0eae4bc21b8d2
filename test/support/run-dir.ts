// One scratch directory per test run, shared by every worker and removed when the run ends: for
// what test files may compute once per run and reuse (test/infra/support/synth.ts keeps the
// synthesized templates there), never across runs, so every run still builds from its sources.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's scratch directory (test/support/run-dir.ts). */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'eproc-run-'));
  project.provide('runDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

export const runDir = (): string => inject('runDir');

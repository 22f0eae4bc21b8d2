// Every problem code the source can throw is in the one list (shared/errors/problem-codes.ts) that
// the OpenAPI document publishes as an enum: a code added anywhere without being listed fails here
// (and, where it is typed, fails tsc first).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemCodes } from '../../shared/errors/problem-codes.ts';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const upper = `'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})'`;
const errorClass =
  'InvalidInput|Unauthenticated|Forbidden|NotFound|Conflict|PreconditionFailed|RuleBroken|Unavailable';
// The places a code is given: a problem's or error's `code`, a domain error's first argument, the
// bid problems' `problem(status, CODE`, a schema's tagged `problemCode`, a constant named *Code.
const patterns = [
  new RegExp(`\\bcode:\\s*${upper}`, 'g'),
  new RegExp(`new (?:${errorClass})\\(\\s*${upper}`, 'g'),
  new RegExp(`\\bproblem\\(\\s*\\d{3},\\s*${upper}`, 'g'),
  new RegExp(`problemCode[\\]'"]*:\\s*${upper}`, 'g'),
  new RegExp(`(?:Code|_MISSING)(?::\\s*\\w+)?\\s*=\\s*${upper}`, 'g'),
];

/** Codes a file throws: only files that build problems or domain errors are read. */
function thrownCodes(text: string): string[] {
  if (!/shared\/errors\/|\/errors\/domain-error|http\/problem\.ts|\.\/problem\.ts/.test(text)) return [];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] as string));
}

describe('problem codes', () => {
  it('lists every code thrown in shared/ and functions/', () => {
    const listed = new Set<string>(problemCodes);
    const missing: string[] = [];
    let found = 0;
    for (const file of [...sources('shared'), ...sources('functions')]) {
      for (const code of thrownCodes(readFileSync(file, 'utf8'))) {
        found++;
        if (!listed.has(code)) missing.push(`${code} (${file.slice(root.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
    // The scan does find codes: the bid problems alone throw more than twenty.
    expect(found).toBeGreaterThan(40);
  });

  it('would catch an unlisted code in any of the shapes a code is thrown', () => {
    const file = `import { Conflict } from '../errors/domain-error.ts';
      throw new Conflict('TENDER_ON_FIRE', 'x');
      problem(409, 'LOT_ON_FIRE', 'x');
      new HttpProblem(409, 'Conflict', 'x', { code: 'BID_ON_FIRE' });
      export const fireCode = 'FIRE_CODE';`;
    expect(thrownCodes(file).filter((c) => !problemCodes.includes(c as never))).toEqual([
      'BID_ON_FIRE',
      'TENDER_ON_FIRE',
      'LOT_ON_FIRE',
      'FIRE_CODE',
    ]);
  });

  it('has no duplicates and only UPPER_SNAKE codes', () => {
    expect(new Set(problemCodes).size).toBe(problemCodes.length);
    for (const code of problemCodes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });
});

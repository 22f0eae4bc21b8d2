// `eproc flags` spawned as a user runs it: stdout JSON, stderr warnings, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMONSTRATIONS } from './cardinal-demonstrations.ts';

const cli = join(import.meta.dirname, '..', '..', 'shared', 'cli', 'eproc.ts');
const dir = mkdtempSync(join(tmpdir(), 'eproc-flags-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const eproc = (...args: string[]) => {
  const result = spawnSync(process.execPath, [cli, 'flags', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe("Cardinal's documented demonstrations, byte for byte", () => {
  it.each(DEMONSTRATIONS)('$code', ({ code, ini, jsonl, expected }) => {
    const result = eproc('--settings', file(`${code}.ini`, ini), '--no-meta', file(`${code}.jsonl`, jsonl));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${expected}\n`);
  });

  it('R024 with Meta: the quartiles and fence, rounded to 4 decimals', () => {
    const demo = DEMONSTRATIONS.find((d) => d.code === 'R024');
    const result = eproc('-s', file('r024.ini', '[R024]\n'), file('r024.jsonl', demo?.jsonl ?? ''));
    expect(result.stdout).toBe(
      '{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}},"Meta":{"R024":{"q1":66.3333,"q3":99.0,"lower_fence":17.3333}}}\n',
    );
  });
});

describe('eproc flags', () => {
  const good = JSON.stringify({ ocid: 'A', tender: { numberOfTenderers: 1, procurementMethod: 'open' } });

  it('reports invalid lines with their number on stderr, skips them and blank lines, and goes on', () => {
    const input = file(
      'mixed.jsonl',
      `${good}\n{"ocid": "B",\n\n   \nnot json\n${good.replace('"A"', '"C"')}\n`,
    );
    const result = eproc('--settings', file('r018.ini', '[R018]\n'), input);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ OCID: { A: { R018: 1 }, C: { R018: 1 } }, Meta: {} });
    const warnings = result.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^WARN Line 2 is invalid JSON, skipping\. \[.+\]$/);
    expect(warnings[1]).toMatch(/^WARN Line 5 is invalid JSON, skipping\. \[.+\]$/);
  });

  it('without --settings runs every indicator; --count prints counts per group on stderr', () => {
    const result = eproc('--count', file('one.jsonl', `${good}\n`));
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.OCID).toEqual({ A: { R018: 1 } });
    expect(Object.keys(output.Meta).sort()).toEqual(['R024', 'R025', 'R048', 'R058']);
    expect(output.Meta.R024).toEqual({ q1: null, q3: null, lower_fence: null }); // no gaps: NaN, as Cardinal
    expect(result.stderr).toBe('OCID: 1\n');
  });

  it.each([
    [['missing.jsonl'], /^eproc flags: missing\.jsonl: ENOENT\n$/],
    [[dir], /Is a directory, not a file\n$/],
    [[], /expected one input file/],
    [['a.jsonl', 'b.jsonl'], /expected one input file/],
    [['--bogus', 'a.jsonl'], /Unknown option '--bogus'/],
  ])('exits 2 for %j', (args, message) => {
    const result = eproc(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 with one line naming the key for bad settings', () => {
    const input = file('in.jsonl', `${good}\n`);
    const unknown = eproc('--settings', file('bad1.ini', '[R024]\nfence = 0.1\n'), input);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`eproc flags: ${join(dir, 'bad1.ini')}:2: unknown key R024.fence\n`);
    const value = eproc('--settings', file('bad2.ini', '[R038]\nminimum_submitted_bids = two\n'), input);
    expect(value.status).toBe(2);
    expect(value.stderr).toBe(
      `eproc flags: ${join(dir, 'bad2.ini')}:2: R038.minimum_submitted_bids: invalid value "two", expected a natural number\n`,
    );
    const missing = eproc('--settings', join(dir, 'none.ini'), input);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`eproc flags: ${join(dir, 'none.ini')}: ENOENT\n`);
  });

  it('warns about bids in another currency, as Cardinal', () => {
    const release = {
      ocid: 'A',
      bids: {
        details: [
          { status: 'valid', tenderers: [{ id: 'W' }], value: { amount: 1, currency: 'VND' } },
          { status: 'valid', tenderers: [{ id: 'L' }], value: { amount: 2, currency: 'USD' } },
        ],
      },
      awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
    };
    const result = eproc(
      '--settings',
      file('cur.ini', 'currency = VND\n[R024]\n'),
      '--no-meta',
      file('cur.jsonl', JSON.stringify(release)),
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{}\n');
    expect(result.stderr).toBe('WARN USD is not Some("VND"), skipping.\n');
    const quiet = eproc(
      '--settings',
      file('quiet.ini', 'currency = VND\n[output]\ninfo_currency_mismatches = true\n[R024]\n'),
      file('cur2.jsonl', JSON.stringify(release)),
    );
    expect(quiet.stderr).toBe('');
  });
});

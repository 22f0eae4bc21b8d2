// Only the lifecycles write a state (a tender's, an opening phase's, an evaluation's, an award's, a
// complaint's, a contract's, and those of bids, documents, questions, contractors and keys): see status-scan.ts for what counts as a write. The scan's
// own cases show it catches the shapes the old code used (found all over main before #9).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusWrites } from './status-scan.ts';

const root = join(import.meta.dirname, '..', '..');

function scanOf(code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'status-scan-'));
  mkdirSync(join(dir, 'shared', 'x'), { recursive: true });
  mkdirSync(join(dir, 'functions'));
  writeFileSync(join(dir, 'shared', 'x', 'old.ts'), code);
  return statusWrites(dir).map((f) => f.rule);
}

describe('status writes', () => {
  it('happen only in shared/lifecycle', () => {
    const found = statusWrites(root).map((f) => `${f.file}:${f.line} [${f.rule}] ${f.text}`);
    expect(found).toEqual([]);
  });

  it('are recognised in the shapes the code used before the lifecycle tables', () => {
    expect(scanOf("const next = { ...tender, status: 'closed', version: tender.version + 1 };")).toEqual([
      'spread',
    ]);
    expect(scanOf('const item = metaItem({ ...tender, status, version: 2 });')).toEqual(['meta', 'spread']);
    expect(scanOf("const state = { tenderId, stage: 'entries', version: 1 };")).toEqual(['literal']);
    expect(
      scanOf("const u = { UpdateExpression: 'SET #status = :contracted, #version = #version + :one' };"),
    ).toEqual(['update']);
    expect(scanOf("const u = { UpdateExpression: 'SET #stage = :next, #entryStage = :next' };")).toEqual([
      'update',
    ]);
    expect(scanOf('await writeTender(next, 3, event, [put]);')).toEqual(['meta']);
    // Reading a status is no write.
    expect(scanOf("if (tender.status !== 'published') throw x; const f = '#status = :status';")).toEqual([]);
  });
});

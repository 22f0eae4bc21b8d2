// Key strings are built only from the entity declarations (shared/entities/, shared/entities/define-entity.ts;
// the log table's shared/audit-log/log-keys.ts): see key-scan.ts for what counts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractorEntity, organisationEntity } from '../../shared/entities/parties.ts';
import { awardEntity, revisionEntity, tenderEntity } from '../../shared/entities/tenders.ts';
import { keyStrings } from './key-scan.ts';

const root = join(import.meta.dirname, '..', '..');

const T = 'TENDER#';

function scanOf(code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'key-scan-'));
  for (const d of ['shared', 'functions', 'test', 'bench']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'test', 'old.test.ts'), code);
  return keyStrings(dir).map((f) => f.rule);
}

describe('key strings', () => {
  it('are built only by the entity declarations, tests and benchmarks included', () => {
    const found = keyStrings(root).map((f) => `${f.file}:${f.line} [${f.rule}] ${f.text}`);
    expect(found).toEqual([]);
  });

  it('are recognised in the shapes the code and tests built by hand', () => {
    expect(scanOf(`const k = { pk: \`${T}\${tenderId}\`, sk: 'META' };`)).toEqual(['prefix', 'key']);
    expect(scanOf(`storedItem('TABLE_TENDERS', \`${T}\${id}\`, 'REV#000001');`)).toEqual([
      'prefix',
      'prefix',
    ]);
    expect(scanOf(`const v = { ':status': 'STATUS#evaluating', ':bid': 'BID#' };`)).toEqual([
      'prefix',
      'prefix',
    ]);
    expect(scanOf(`const k = { pk: 'HEAD', sk: 'HEAD' };`)).toEqual(['key', 'key']);
    expect(scanOf(`const i = { gsi1pk: 'CONTRACTOR', gsi1sk: id, ':gsi2pk': 'ALL' };`)).toEqual([
      'key',
      'key',
    ]);
    expect(scanOf(`const k = tenderEntity.key({ tenderId }); const s = 'tender#' + id;`)).toEqual([]);
  });

  it('come out of the declarations as the stored data has them', () => {
    expect(tenderEntity.key({ tenderId: 'x' })).toEqual({ pk: `${T}x`, sk: 'META' });
    expect(revisionEntity.sk({ revision: 3 })).toBe('REV#000003');
    expect(revisionEntity.skPrefix({})).toBe('REV#');
    expect(awardEntity.key({ tenderId: 't', lotId: 'l' }).sk).toBe('AWARD#l');
    expect(
      tenderEntity.indexKey('byStatus', {
        status: 'published',
        submissionDeadline: '2030-01-01T00:00:00.000Z',
        tenderId: 'x',
      }),
    ).toEqual({ gsi1pk: 'STATUS#published', gsi1sk: '2030-01-01T00:00:00.000Z#x' });
    expect(contractorEntity.indexKey('all', { contractorId: 'c' })).toEqual({
      gsi1pk: 'CONTRACTOR',
      gsi1sk: 'c',
    });
    expect(organisationEntity.indexKey('all', { organisationId: 'o' })).toEqual({
      gsi1pk: 'ORGANISATION',
      gsi1sk: 'o',
    });
  });
});

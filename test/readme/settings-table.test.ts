// The README's settings table is the generated one: every declared setting, with its default and
// meaning, and nothing else (infra/docs/settings-table.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredNames } from '../../infra/declared-settings.ts';
import { settingRows, withSettingsTable } from '../../infra/docs/settings-table.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README settings table', () => {
  it('is the one generated from the declarations (node infra/docs/settings-table.ts --write)', () => {
    expect(readme).toBe(withSettingsTable(readme));
  });

  it('lists every declared setting, the procedure numbers as one row', () => {
    const rows = settingRows().map((r) => r.name);
    for (const name of declaredNames) {
      expect(rows).toContain(name.startsWith('PROCEDURE_') ? 'PROCEDURE_<ID>_<NUMBER>' : name);
    }
    expect(rows).toEqual(
      expect.arrayContaining(['STAGE', 'PAGE_SIZE_MAX', 'PERIOD_ACCELERATION', 'BID_VALIDITY_MAX_DAYS']),
    );
  });
});

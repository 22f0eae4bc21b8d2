// The README's settings table, generated from the declarations (infra/declared-settings.ts and the
// schemas' defaults) so it cannot drift: `node infra/docs/settings-table.ts --write` rewrites it
// between its markers; test/readme/settings-table.test.ts fails when README.md differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingDefaults } from '../../shared/config/settings.ts';
import { describeScope, kpiSettingDefaults } from '../../shared/kpis/kpi-settings.ts';
import { tenderSettingDefaults } from '../../shared/tenders/tender-settings.ts';
import { declaredNames } from '../declared-settings.ts';
import { localSettings } from '../local/local-settings.ts';
import { settingMeanings } from './setting-meanings.ts';

export const BEGIN = '<!-- settings-table:begin (node infra/docs/settings-table.ts --write) -->';
export const END = '<!-- settings-table:end -->';
const PROCEDURES = 'PROCEDURE_<ID>_<NUMBER>';

function defaults(): Record<string, unknown> {
  // The functions' PERIOD_ACCELERATION default is 1; npm start's own (1440) is said in its meaning.
  const local = localSettings({});
  const kpi = kpiSettingDefaults();
  return {
    ...local,
    ...tenderSettingDefaults(),
    ...kpi,
    KPI_ONLINE_TARGET_SCOPE: describeScope(kpi.KPI_ONLINE_TARGET_SCOPE),
    ...settingDefaults(),
  };
}

const show = (value: unknown): string =>
  Array.isArray(value) ? value.join(', ') || 'none' : value === undefined ? 'none' : String(value);

/** The table's rows in declaration order, the procedure numbers as one row. */
export function settingRows(): { name: string; shown: string; meaning: string }[] {
  const values = defaults();
  const names = [...new Set(declaredNames.map((n) => (n.startsWith('PROCEDURE_') ? PROCEDURES : n)))];
  const undocumented = names.filter((n) => !settingMeanings[n]);
  if (undocumented.length > 0) {
    throw new Error(
      `settings without a meaning in infra/docs/setting-meanings.ts: ${undocumented.join(', ')}`,
    );
  }
  const stale = Object.keys(settingMeanings).filter((n) => !names.includes(n));
  if (stale.length > 0) throw new Error(`meanings of settings no longer declared: ${stale.join(', ')}`);
  return names.map((name) => {
    const doc = settingMeanings[name] as { meaning: string; shown?: string };
    return { name, shown: doc.shown ?? show(values[name]), meaning: doc.meaning };
  });
}

export function settingsTable(): string {
  const rows = [
    ['variable', 'default', 'meaning'],
    ...settingRows().map((r) => [`\`${r.name}\``, r.shown, r.meaning]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const [head, ...body] = rows as [string[], ...string[][]];
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

/** README.md with its table replaced by the generated one. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  return `${readme.slice(0, start + BEGIN.length)}\n\n${settingsTable()}\n\n${readme.slice(end)}`;
}

if (process.argv.includes('--write')) {
  const path = join(import.meta.dirname, '..', '..', 'README.md');
  writeFileSync(path, withSettingsTable(readFileSync(path, 'utf8')));
}

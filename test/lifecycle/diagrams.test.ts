// The README's state diagrams are the transition tables rendered (npm run diagrams rewrites them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, renderDiagrams } from '../../shared/lifecycle/diagrams.ts';
import { tenderLifecycle } from '../../shared/lifecycle/tables.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README lifecycle diagrams', () => {
  it('are what the transition tables generate (run `npm run diagrams` after changing a table)', () => {
    const shown = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(shown).toBe(renderDiagrams());
  });

  it('show every transition of every table, so a new row changes the picture', () => {
    const diagram = renderDiagrams();
    for (const [name, t] of Object.entries(tenderLifecycle.transitions)) {
      for (const from of t.from)
        expect(diagram).toContain(`${from} --> ${'to' in t ? t.to : from} : ${name}`);
    }
  });
});

// npm run diagrams: rewrites the README's lifecycle section from the transition tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDiagrams } from './diagrams.ts';

const readme = join(import.meta.dirname, '..', '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = withDiagrams(before);
if (after !== before) writeFileSync(readme, after);
console.log(
  after === before ? 'README lifecycle diagrams are up to date' : 'README lifecycle diagrams rewritten',
);

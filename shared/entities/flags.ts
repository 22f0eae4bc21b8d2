// The red-flag results (shared/ocds-export/flag-store.ts) in the flags table: one partition per run
// of the engine over one bulk export, rows sorted by kind, then indicator, then id, so a page can be
// read for one kind, or one kind and one indicator, with a key condition alone; and a pointer to
// the run that is served, switched only once every row of that run is stored.
import { defineEntity } from './define-entity.ts';

export const flagRowEntity = defineEntity({
  table: 'flags',
  description:
    'one flag: a process, buyer, procuring entity or tenderer, the indicator, its value and fences',
  pk: 'FLAGRUN#{runId}',
  sk: '{kind}#{indicator}#{id}',
});

export const flagCurrentRunEntity = defineEntity({
  table: 'flags',
  description: 'the run GET /oversight/flags serves (written after all its rows)',
  pk: 'FLAGRUN',
  sk: 'CURRENT',
});

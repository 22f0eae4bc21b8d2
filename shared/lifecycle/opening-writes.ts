// The only writer of an opening phase's outcome (openingLifecycle, tables.ts): the MINUTES#<phase>
// record, written once, in the transaction that moves the tender (or the evaluation) on.
import type { MinutesRecord } from '../entities/records.ts';
import { minutesEntity } from '../entities/tenders.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Step } from './commit.ts';
import { openingLifecycle } from './tables.ts';

export function openingStep(record: MinutesRecord): Step {
  const transition = record.outcome === 'opened' ? 'open' : 'openUnsuccessful';
  openingLifecycle.next(transition, undefined);
  return {
    aggregate: 'opening',
    transition,
    spec: openingLifecycle.transitions[transition],
    item: {
      Put: {
        TableName: tenderTable(),
        Item: { ...minutesEntity.key(record), ...record },
        // Once per phase: a second opener's record is refused, and the tender's version decides.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

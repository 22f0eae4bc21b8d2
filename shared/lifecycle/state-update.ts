// The DynamoDB Update that moves one item along a transition of its lifecycle: SET the state
// attribute to the row's `to` (with any other fields the transition records), on condition the
// item is still in the state the caller read. The caller checked the transition against that
// state first (`next`/`require`); the condition makes the write lose, not corrupt, when another
// writer moved the item meanwhile. The one place outside the tender writers where a state is SET.
import type { Lifecycle, TransitionSpec } from './define-lifecycle.ts';

export interface StateUpdate {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

export function stateUpdate<S extends string, T extends Record<string, TransitionSpec<S>>>(
  lifecycle: Lifecycle<S, T>,
  transition: keyof T & string,
  current: S,
  fields: Record<string, unknown> = {},
): StateUpdate {
  const to = lifecycle.next(transition, current);
  const names: Record<string, string> = { '#state': lifecycle.attribute };
  const values: Record<string, unknown> = { ':to': to, ':from': current };
  const sets = ['#state = :to'];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#f_${name}`] = name;
    values[`:f_${name}`] = value;
    sets.push(`#f_${name} = :f_${name}`);
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: '#state = :from',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

// A lifecycle is a transition table: for each named transition, the states it may start from, the
// state it leads to, what else must hold (the guard), and what it writes besides the state (the
// effects: other transaction items, the audit action, the timers armed after the commit, the
// notification). The table is data: the writers in this folder check it before every write, and
// the README's state diagrams are rendered from it (diagrams.ts), so neither can drift.
//
// This file is pure (no AWS client): the diagram script and the tests import it cheaply.
import { Conflict } from '../errors/domain-error.ts';

/** The pseudo-state before an item exists (Mermaid's start marker). */
export const START = '[*]';
export type Start = typeof START;

export interface TransitionSpec<S extends string> {
  readonly from: readonly (S | Start)[];
  /** Omitted: the state stays what it was (a guarded change of other attributes). */
  readonly to?: S;
  /** What else must hold, in words; the writer that runs the transition checks it. */
  readonly guard?: string;
  /** The audit action written in the same transaction (one of these, when several). */
  readonly audit: string | readonly string[];
  /** Other items written in the same transaction (named; the writer must supply each, `name?` if it applies). */
  readonly items?: readonly string[];
  /** Timers armed once the transaction committed. */
  readonly timers?: readonly string[];
  /** The notification (outbox event type) written in the same transaction. */
  readonly notify?: string;
}

export interface LifecycleSpec<S extends string, T extends Record<string, TransitionSpec<S>>> {
  /** Shown as the diagram's title. */
  readonly name: string;
  /** The stored attribute that holds the state. */
  readonly attribute: string;
  readonly states: readonly S[];
  readonly transitions: T;
  /** The 409 detail when a transition is refused in `current`. */
  readonly refusal: (doing: string, current: S | Start) => string;
}

export interface Lifecycle<S extends string, T extends Record<string, TransitionSpec<S>>>
  extends LifecycleSpec<S, T> {
  /** May `transition` start from `current` (undefined: the item does not exist yet)? */
  allows(transition: keyof T, current: S | undefined): boolean;
  /** The state after `transition` from `current`; throws a Conflict (409) naming `current` if refused. */
  next(transition: keyof T, current: S | undefined, doing?: string): S;
  /** Throws the Conflict (409) for `transition` refused in `current`, unless it is allowed. */
  require(transition: keyof T, current: S | undefined, doing?: string): void;
}

export type StateOf<L> = L extends Lifecycle<infer S, infer _T> ? S : never;
export type TransitionOf<L> = L extends Lifecycle<infer _S, infer T> ? keyof T & string : never;

export function defineLifecycle<const S extends string, const T extends Record<string, TransitionSpec<S>>>(
  spec: LifecycleSpec<S, T>,
): Lifecycle<S, T> {
  for (const [name, t] of Object.entries(spec.transitions)) {
    for (const from of t.from) {
      if (from !== START && !spec.states.includes(from as S)) {
        throw new Error(`${spec.name}.${name}: unknown state ${from}`);
      }
    }
    if (t.to !== undefined && !spec.states.includes(t.to)) {
      throw new Error(`${spec.name}.${name}: unknown state ${t.to}`);
    }
  }
  const row = (transition: keyof T): TransitionSpec<S> => {
    const found = spec.transitions[transition];
    if (!found) throw new Error(`${spec.name} has no transition ${String(transition)}`);
    return found;
  };
  const allows = (transition: keyof T, current: S | undefined) =>
    row(transition).from.includes(current ?? START);
  const require = (transition: keyof T, current: S | undefined, doing?: string) => {
    if (allows(transition, current)) return;
    const state = current ?? START;
    // `status` is the problem's own member (the HTTP status, RFC 9457): a tender's goes beside it.
    const member = spec.attribute === 'status' ? 'currentStatus' : spec.attribute;
    throw new Conflict('TRANSITION_NOT_ALLOWED', spec.refusal(doing ?? String(transition), state), {
      details: { [member]: state },
    });
  };
  return {
    ...spec,
    allows,
    require,
    next(transition, current, doing) {
      require(transition, current, doing);
      const to = row(transition).to;
      return (to ?? current) as S;
    },
  };
}

// The only writer of a tender's status: each function runs one row of tenderLifecycle (tables.ts).
// A transition refused in the tender's current status is a 409 naming that status.
import type { Actor } from '../audit/audit-event.ts';
import type { TransactItem } from '../db/audited-write.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { metaItem, saveTender, tenderTable, writeTender } from '../tenders/tender-store.ts';
import { armTimers, type Effects, type Step, transaction } from './commit.ts';
import type { TransitionOf, TransitionSpec } from './define-lifecycle.ts';
import { tenderLifecycle } from './tables.ts';

export type TenderTransition = TransitionOf<typeof tenderLifecycle>;

/** The tender after `transition`: `changes` applied, the status the table gives, the version bumped. */
export function tenderNext(
  transition: TenderTransition,
  current: Tender,
  changes: Partial<Omit<Tender, 'status' | 'version' | 'updatedAt'>>,
  at: string,
  doing?: string,
): Tender {
  const status = tenderLifecycle.next(transition, current.status, doing);
  return { ...current, ...changes, status, version: current.version + 1, updatedAt: at };
}

/** A new tender, in the status the `create` row gives. */
export function newTender(fields: Omit<Tender, 'status' | 'version'>): Tender {
  return { ...fields, status: tenderLifecycle.next('create', undefined), version: 1 };
}

/** The step that writes `next` over the tender at `expected` (its version), for a composite commit. */
export function tenderStep(transition: TenderTransition, next: Tender, expected: number): Step {
  const spec: TransitionSpec<string> = tenderLifecycle.transitions[transition];
  if ((spec.to ?? next.status) !== next.status) {
    throw new Error(`tender.${transition} leads to ${spec.to}, not ${next.status}`);
  }
  return {
    aggregate: 'tender',
    transition,
    spec,
    item: {
      Put: {
        TableName: tenderTable(),
        Item: metaItem(next),
        ConditionExpression: 'version = :tv',
        ExpressionAttributeValues: { ':tv': expected },
      },
    },
  };
}

interface TenderEffects {
  readonly actor: Actor;
  /** The audited object, when not the tender itself (a document). */
  readonly object?: { readonly type: string; readonly id: string };
  readonly change: unknown;
  readonly items?: Readonly<Record<string, TransactItem>>;
  /** A client holding an ETag: a lost race is a 412 with the current ETag (saveTender). */
  readonly etag?: boolean;
  /** The notification of a row that `notify`s (its type comes from the row). */
  readonly notification?: Effects['notification'];
  /**
   * What arms each timer the row names (`opening`: shared/opening/timers.ts openingTimerAfterCommit),
   * run once the transaction committed. Given by the caller, so this folder needs no opening module.
   */
  readonly timers?: Effects['timers'];
}

/**
 * Writes one tender transition on its own (with the items its row names): `next` over `current`
 * (undefined: `next` is new). Throws ConditionFailed (index 0) if the tender changed meanwhile.
 */
export async function writeTenderTransition(
  transition: TenderTransition,
  current: Tender | undefined,
  next: Tender,
  effects: TenderEffects,
): Promise<void> {
  const step = tenderStep(transition, next, current?.version ?? 0);
  const timers = effects.timers;
  const object = effects.object ?? { type: 'tender', id: next.tenderId };
  const { writes, action } = transaction([{ ...step, item: undefined }], {
    actor: effects.actor,
    object,
    tenderId: next.tenderId,
    change: effects.change,
    at: next.updatedAt,
    ...(effects.items ? { items: effects.items } : {}),
    ...(effects.notification ? { notification: effects.notification } : {}),
    ...(timers ? { timers } : {}),
  });
  const event = { actor: effects.actor, action, object, change: effects.change };
  const expected = current ? current.version : 'new';
  await (effects.etag ? saveTender : writeTender)(next, expected, event, writes);
  if (timers) await armTimers({ timers });
}

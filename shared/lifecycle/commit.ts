// Runs one or more transitions (of one or several aggregates) as one transaction, with exactly the
// effects their table rows declare: the audit action of the first step, the other named items,
// the notification, and the timers armed after the commit. A writer that supplies an effect the
// table does not declare, or leaves one out, is a programming error and fails loudly.
import type { Actor, AuditEventInput } from '../audit/audit-event.ts';
import { type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { type NotificationEvent, type NotificationType, notificationPut } from '../notifications/outbox.ts';
import type { TransitionSpec } from './define-lifecycle.ts';

/** One aggregate's transition: its row and the item that writes its new state (if it has one). */
export interface Step {
  /** The aggregate's item name, as other rows' `items` call it ('tender', 'award', 'evaluation', ...). */
  readonly aggregate: string;
  readonly transition: string;
  readonly spec: TransitionSpec<string>;
  readonly item?: TransactItem;
}

export interface Effects {
  readonly actor: Actor;
  readonly object: AuditEventInput['object'];
  readonly tenderId: string;
  readonly change: unknown;
  readonly at: string;
  /** When the first step's row lists several audit actions: which one. */
  readonly action?: string;
  /** The other items its rows name, by name. */
  readonly items?: Readonly<Record<string, TransactItem>>;
  readonly notification?: Omit<NotificationEvent, 'eventId' | 'type' | 'tenderId' | 'at'>;
  /** What arms each timer the rows name, run in order once the transaction committed. */
  readonly timers?: Readonly<Record<string, () => Promise<unknown>>>;
}

const list = (audit: string | readonly string[]): readonly string[] =>
  typeof audit === 'string' ? [audit] : audit;

function actionOf(first: Step, chosen: string | undefined): string {
  const allowed = list(first.spec.audit);
  const action = chosen ?? (allowed.length === 1 ? allowed[0] : undefined);
  if (!action || !allowed.includes(action)) {
    throw new Error(
      `${first.aggregate}.${first.transition}: audit action ${chosen} is not one of ${allowed}`,
    );
  }
  return action;
}

/** Every name given is declared, every declared name is given (`name?`: when it applies). */
function checkNamed(
  kind: 'item' | 'timer',
  steps: readonly Step[],
  declared: Set<string>,
  given: readonly string[],
) {
  // An item a row names may be another step of the same transaction (the tender's META, the award).
  const stepNames = new Set(kind === 'item' ? steps.map((s) => s.aggregate) : []);
  for (const name of given) {
    if (!declared.has(name) && !declared.has(`${name}?`)) {
      throw new Error(`${kind} ${name} is not declared by ${describe(steps)}`);
    }
  }
  for (const name of declared) {
    if (!name.endsWith('?') && !given.includes(name) && !stepNames.has(name)) {
      throw new Error(`${describe(steps)} declares ${kind} ${name}, which was not supplied`);
    }
  }
}

const describe = (steps: readonly Step[]) => steps.map((s) => `${s.aggregate}.${s.transition}`).join(' + ');

/** The transaction items of `steps` with their effects, checked against the tables; not written. */
export function transaction(steps: readonly Step[], effects: Effects) {
  const [first] = steps;
  if (!first) throw new Error('a transaction needs at least one step');
  const items = effects.items ?? {};
  checkNamed('item', steps, new Set(steps.flatMap((s) => s.spec.items ?? [])), Object.keys(items));
  checkNamed(
    'timer',
    steps,
    new Set(steps.flatMap((s) => s.spec.timers ?? [])),
    Object.keys(effects.timers ?? {}),
  );
  const notify = steps.find((s) => s.spec.notify)?.spec.notify as NotificationType | undefined;
  if (Boolean(notify) !== Boolean(effects.notification)) {
    throw new Error(
      `${describe(steps)}: notification ${notify ?? '(none)'} declared, ${effects.notification ? 'one' : 'none'} given`,
    );
  }
  const writes: TransactItem[] = [
    ...steps.flatMap((s) => (s.item ? [s.item] : [])),
    ...Object.values(items),
    ...(notify && effects.notification
      ? [
          notificationPut({
            ...effects.notification,
            type: notify,
            tenderId: effects.tenderId,
            at: effects.at,
          }),
        ]
      : []),
  ];
  return { writes, action: actionOf(first, effects.action) };
}

/** Writes the steps and their effects with the audit event, all or nothing; then arms the timers. */
export async function commit(steps: readonly Step[], effects: Effects): Promise<void> {
  const { writes, action } = transaction(steps, effects);
  await writeWithAudit(
    writes,
    {
      actor: effects.actor,
      action,
      object: effects.object,
      tenderId: effects.tenderId,
      change: effects.change,
    },
    effects.at,
  );
  await armTimers(effects);
}

export async function armTimers(effects: Pick<Effects, 'timers'>): Promise<void> {
  for (const arm of Object.values(effects.timers ?? {})) await arm();
}

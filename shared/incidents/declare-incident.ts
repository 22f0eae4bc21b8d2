// An admin declares a system incident: checked, stored with its audit event, and its extension
// queued. The same incident declared again (the same window, or the same Idempotency-Key) is
// answered with the stored one and changes nothing; if its tenders were not found yet (the first
// send was lost), the find is queued again, which is harmless (each tender is reached once).
import type { Actor } from '../audit/audit-event.ts';
import { ConditionFailed, type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { Conflict, type FieldIssue as FieldError, InvalidInput } from '../errors/domain-error.ts';
import type { ProblemCode } from '../errors/problem-codes.ts';
import { ulid } from '../runtime/ids.ts';
import { tenderTable } from '../tenders/tender-store.ts';
import type { Incident, IncidentDeclaration } from './incident-schemas.ts';
import {
  getGuard,
  getStoredIncident,
  idempotencyGuardKey,
  incidentKey,
  type StoredIncident,
  toIncident,
  windowGuardKey,
} from './incident-store.ts';
import { sendOutageMessage } from './outage-queue.ts';
import { affectedWindow, extendedClosingTime } from './outage-rule.ts';

const badTimes = (errors: FieldError[], code: ProblemCode) =>
  new InvalidInput(code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors: errors.map((e) => ({ ...e, code })),
  });

/** Neither time in the future (an incident is declared once fixed), and the fix not before the start. */
export function checkIncidentTimes(declaration: IncidentDeclaration, nowMs: number): void {
  const future: FieldError[] = [];
  for (const field of ['startedAt', 'fixedAt'] as const) {
    if (Date.parse(declaration[field]) > nowMs) {
      future.push({
        field: `body.${field}`,
        message: 'must not be in the future (declare the incident once fixed)',
      });
    }
  }
  if (future.length > 0) throw badTimes(future, 'INCIDENT_TIME_IN_FUTURE');
  if (Date.parse(declaration.fixedAt) < Date.parse(declaration.startedAt)) {
    throw badTimes(
      [{ field: 'body.fixedAt', message: 'must not be before startedAt' }],
      'INCIDENT_FIX_BEFORE_START',
    );
  }
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(key: string | undefined): void {
  if (key === undefined || IDEMPOTENCY_KEY.test(key)) return;
  throw new InvalidInput(
    'IDEMPOTENCY_KEY_INVALID',
    'Idempotency-Key must be 1-255 visible ASCII characters',
    {
      errors: [{ field: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' }],
    },
  );
}

export interface Declared {
  readonly incident: Incident;
  /** False when the incident was already declared: nothing changed. */
  readonly created: boolean;
}

async function existing(incidentId: string): Promise<StoredIncident> {
  const stored = await getStoredIncident(incidentId);
  if (!stored) throw new Error(`incident guard names a missing incident ${incidentId}`);
  return stored;
}

async function again(stored: StoredIncident): Promise<Declared> {
  const incident = toIncident(stored as unknown as Record<string, unknown>);
  if (incident.status === 'finding')
    await sendOutageMessage({ kind: 'find', incidentId: incident.incidentId });
  return { incident, created: false };
}

function sameDeclaration(stored: StoredIncident, declaration: IncidentDeclaration): boolean {
  return (
    stored.startedAt === declaration.startedAt &&
    stored.fixedAt === declaration.fixedAt &&
    stored.reason === declaration.reason
  );
}

export async function declareIncident(
  declaration: IncidentDeclaration,
  actor: Actor,
  nowIso: string,
  idempotencyKey?: string,
): Promise<Declared> {
  checkIdempotencyKey(idempotencyKey);
  checkIncidentTimes(declaration, Date.parse(nowIso));
  if (idempotencyKey) {
    const byKey = await getGuard(idempotencyGuardKey(idempotencyKey));
    if (byKey) {
      const stored = await existing(byKey);
      if (!sameDeclaration(stored, declaration)) {
        throw new Conflict(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for another incident declaration: use a new key',
          {
            errors: [{ field: 'header.idempotency-key', message: 'was used with another body' }],
          },
        );
      }
      return again(stored);
    }
  }
  const windowGuard = windowGuardKey(declaration.startedAt, declaration.fixedAt);
  const byWindow = await getGuard(windowGuard);
  if (byWindow) return again(await existing(byWindow));

  const incidentId = ulid(Date.parse(nowIso));
  const stored: StoredIncident = {
    incidentId,
    ...declaration,
    declaredAt: nowIso,
    declaredBy: actor.sub,
    window: affectedWindow(declaration.startedAt, declaration.fixedAt),
    newClosingTime: extendedClosingTime(declaration.fixedAt),
    extended: 0,
    skipped: 0,
  };
  const put = (key: { pk: string; sk: string }, item: Record<string, unknown>): TransactItem => ({
    Put: {
      TableName: tenderTable(),
      Item: { ...key, ...item },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  const items = [
    put(incidentKey(incidentId), { ...stored }),
    put(windowGuard, { incidentId }),
    ...(idempotencyKey ? [put(idempotencyGuardKey(idempotencyKey), { incidentId })] : []),
  ];
  try {
    await writeWithAudit(
      items,
      {
        actor,
        action: 'incident.declared',
        object: { type: 'incident', id: incidentId },
        change: {
          startedAt: stored.startedAt,
          fixedAt: stored.fixedAt,
          reason: stored.reason,
          window: stored.window,
          newClosingTime: stored.newClosingTime,
        },
      },
      nowIso,
    );
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    // A concurrent declaration of the same incident won: answer with it.
    const winner =
      (await getGuard(windowGuard)) ??
      (idempotencyKey && (await getGuard(idempotencyGuardKey(idempotencyKey))));
    if (!winner) throw error;
    return again(await existing(winner));
  }
  await sendOutageMessage({ kind: 'find', incidentId });
  return { incident: toIncident(stored as unknown as Record<string, unknown>), created: true };
}

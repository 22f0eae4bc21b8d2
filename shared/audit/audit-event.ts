// An audit event records one state change: who, in which role, did what to which object, when,
// and a hash of the change. It is written in the same transaction as the change itself.
import { createHash } from 'node:crypto';
import type { Role } from '../auth/roles.ts';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { auditEventEntity } from '../entities/audit.ts';
import { clock } from '../runtime/clock.ts';
import { ulid } from '../runtime/ids.ts';

export interface Actor {
  readonly sub: string;
  readonly role: Role | 'system';
  readonly organisationId?: string | undefined;
}

export interface AuditEventInput {
  readonly actor: Actor;
  /** Past-tense verb on a noun: `tender.published`, `contractor.registered`. */
  readonly action: string;
  readonly object: { readonly type: string; readonly id: string };
  /** The tender this event belongs to, so an auditor can pull a tender's whole history. */
  readonly tenderId?: string;
  /**
   * Instead of tenderId, for events that must not name their tender before its opening (bids):
   * shared/tlog tenderCommitment, tied to the tender by the salt the opening minutes publish.
   */
  readonly tenderCommitment?: string;
  /** What changed; must hold nothing secret, because auditors read it. */
  readonly change: unknown;
}

export interface AuditEvent {
  readonly eventId: string;
  readonly at: string;
  readonly actor: Actor;
  readonly action: string;
  readonly object: { readonly type: string; readonly id: string };
  readonly tenderId?: string;
  readonly tenderCommitment?: string;
  readonly change: unknown;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of `change`. */
  readonly changeHash: string;
}

export function auditEvent(input: AuditEventInput, at: string = clock.iso()): AuditEvent {
  const changeHash = createHash('sha256')
    .update(canonicalJson(input.change ?? null))
    .digest('hex');
  const eventId = ulid(Date.parse(at));
  return {
    eventId,
    at,
    actor: { sub: input.actor.sub, role: input.actor.role, organisationId: input.actor.organisationId },
    action: input.action,
    object: input.object,
    ...(input.tenderId ? { tenderId: input.tenderId } : {}),
    ...(input.tenderCommitment ? { tenderCommitment: input.tenderCommitment } : {}),
    change: input.change ?? null,
    changeHash,
  };
}

// The index attributes: `tenderId` (byTender) only when the event names its tender; a bid event,
// which carries a tenderCommitment instead, gets no attribute that groups it with its tender.
export function auditItem(event: AuditEvent): Record<string, unknown> {
  return {
    ...auditEventEntity.key(event),
    objectKey: `${event.object.type}#${event.object.id}`,
    actorKey: event.actor.sub,
    ...event,
  };
}

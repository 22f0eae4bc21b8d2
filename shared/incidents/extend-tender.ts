// One incident applied to one tender: a published tender closing in the window gets the new
// closing time as a revision (with the incident as its reason), the audit event, a notification
// to its bidders, followers and buyer, and a fresh opening timer; any other gets its outcome
// recorded as skipped. Idempotent: the outcome item is written once, in the same transaction as
// the change, so a redelivered message changes nothing more.
//
// A tender the opener has claimed (status closed) is skipped, never reopened: the opener may
// already have decrypted its bids, and its minutes may already sit in the Object-Locked log
// bucket, so reopening submission would let bids in after others were seen, and its stale-free
// claim would be undone under a running opening. Its opening completes at the original closing
// time with every bid it received; the incident lists it so the procuring entity can decide
// (e.g. cancel and re-invite). The race with the opener is settled by the tender's version: the
// extension writes only the version it read, and the opener claims only the version it read.
import type { Actor } from '../audit/audit-event.ts';
import { ConditionFailed, type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { tenderNext, writeTenderTransition } from '../lifecycle/tender-writes.ts';
import { openingTimerAfterCommit } from '../opening/timers.ts';
import { logger } from '../runtime/logger.ts';
import type { Revision, Tender } from '../tenders/tender-schemas.ts';
import { getTender, revisionPut } from '../tenders/tender-store.ts';
import type { IncidentTenderOutcome, SkipReason } from './incident-schemas.ts';
import { outcomeExists, outcomeItems, type StoredIncident } from './incident-store.ts';
import { isAffected, ruleReason } from './outage-rule.ts';

export const outageActor: Actor = { sub: 'system:outage-rule', role: 'system' };

const ATTEMPTS = 5;

function skipReasonFor(tender: Tender | undefined, incident: StoredIncident): SkipReason | undefined {
  if (!tender || tender.status === 'cancelled' || tender.status === 'draft') return 'cancelled';
  if (tender.status === 'closed') return 'opening-in-progress';
  if (tender.status !== 'published') return 'already-opened';
  if (!isAffected(tender.submissionDeadline, incident.window)) return 'not-in-window';
  return undefined;
}

export type ApplyResult = IncidentTenderOutcome | { readonly outcome: 'already-applied'; tenderId: string };

async function extend(
  tender: Tender,
  incident: StoredIncident,
  nowIso: string,
): Promise<IncidentTenderOutcome> {
  const to = incident.newClosingTime;
  const deadlineExtended = { from: tender.submissionDeadline, to, reason: ruleReason(incident.window, to) };
  const next = tenderNext(
    'extendForIncident',
    tender,
    {
      submissionDeadline: to,
      revision: tender.revision + 1,
      // Timers of the old closing time recognise themselves as stale by this (shared/opening/timers.ts).
      deadlineVersion: tender.version + 1,
    },
    nowIso,
  );
  const revision: Revision = {
    revision: next.revision,
    kind: 'amendment',
    at: nowIso,
    note: `System incident ${incident.incidentId}: ${incident.reason}`,
    changedFields: ['submissionDeadline'],
    deadlineExtended,
    incidentId: incident.incidentId,
    snapshot: next,
  };
  const outcome: IncidentTenderOutcome = {
    tenderId: tender.tenderId,
    outcome: 'extended',
    status: tender.status,
    from: tender.submissionDeadline,
    to,
    revision: next.revision,
    at: nowIso,
  };
  const [outcomeItem, progress] = outcomeItems(incident.incidentId, outcome) as [TransactItem, TransactItem];
  await writeTenderTransition('extendForIncident', tender, next, {
    actor: outageActor,
    change: { revision: next.revision, incidentId: incident.incidentId, deadlineExtended },
    items: { revision: revisionPut(next.tenderId, revision), outcome: outcomeItem, progress },
    timers: { opening: openingTimerAfterCommit(next) },
    notification: {
      title: next.title,
      message: `Closing time moved from ${deadlineExtended.from} to ${to} after system incident ${incident.incidentId} (Circular 79/2025 Art. 6): ${incident.reason}`,
      audience: { bidders: true, followers: true, organisationId: next.buyer },
    },
  });
  return outcome;
}

async function skip(
  tenderId: string,
  tender: Tender | undefined,
  reason: SkipReason,
  incident: StoredIncident,
  nowIso: string,
): Promise<IncidentTenderOutcome> {
  const outcome: IncidentTenderOutcome = {
    tenderId,
    outcome: 'skipped',
    reason,
    status: tender?.status ?? 'gone',
    from: tender?.submissionDeadline ?? incident.window.from,
    at: nowIso,
  };
  await writeWithAudit(
    outcomeItems(incident.incidentId, outcome),
    {
      actor: outageActor,
      action: 'incident.tender-skipped',
      object: { type: 'incident', id: incident.incidentId },
      change: { tenderId, reason, status: outcome.status, submissionDeadline: outcome.from },
      tenderId,
    },
    nowIso,
  );
  return outcome;
}

/** Applies the incident to the tender, once; `now` is read per attempt. */
export async function applyIncident(
  incident: StoredIncident,
  tenderId: string,
  now: () => string,
): Promise<ApplyResult> {
  for (let attempt = 1; ; attempt++) {
    if (await outcomeExists(incident.incidentId, tenderId)) return { outcome: 'already-applied', tenderId };
    const tender = await getTender(tenderId);
    const reason = skipReasonFor(tender, incident);
    try {
      return reason
        ? await skip(tenderId, tender, reason, incident, now())
        : await extend(tender as Tender, incident, now());
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      // Extending: items 0 and 1 are the tender and its next revision (someone changed it: read it
      // again), 2 the outcome. Skipping: item 0 is the outcome. An outcome that exists is done.
      const tenderChanged = reason === undefined && error.index < 2;
      if (!tenderChanged) return { outcome: 'already-applied', tenderId };
      if (attempt >= ATTEMPTS) throw error;
      logger.info('tender changed while being extended; reading it again', { tenderId, attempt });
    }
  }
}

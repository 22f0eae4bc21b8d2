// The procuring entity's choice for a tender that closed with no bid (shared/tenders/no-bids-rule.ts):
// extend the deadline (a new revision, the opening timer re-armed) or declare it unsuccessful.
// Each writes the tender, its audit event and a notification in one transaction.

import { actorOf } from '../../shared/audit/actor.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { etag } from '../../shared/http/etag.ts';
import { invalidField } from '../../shared/http/problem.ts';
import { notificationPut } from '../../shared/notifications/outbox.ts';
import { scheduleOpeningAfterCommit } from '../../shared/opening/timers.ts';
import { clock } from '../../shared/runtime/clock.ts';
import {
  declareUnsuccessfulNoBids,
  extendAfterNoBids,
  noBidsProblems,
} from '../../shared/tenders/no-bids-rule.ts';
import { ownTender, requireVersion } from '../../shared/tenders/tender-access.ts';
import type { NoBidsDecision } from '../../shared/tenders/tender-schemas.ts';
import { revisionPut, revisionSummary, saveTender } from '../../shared/tenders/tender-store.ts';

export async function decideNoBids(input: {
  params: { tenderId: string };
  body: NoBidsDecision;
  principal: Principal;
  role: Role;
  ifMatch: number | undefined;
}) {
  const { params, body, principal, role } = input;
  const current = await ownTender(params.tenderId, principal);
  requireVersion(current, input.ifMatch);
  if (current.status !== 'no-bids') throw noBidsProblems.notAwaitingDecision(current);
  const now = clock.iso();
  const actor = actorOf(principal, role);

  if (body.decision === 'unsuccessful') {
    const next = declareUnsuccessfulNoBids(current, body.reason, now);
    await saveTender(
      next,
      current.version,
      {
        actor,
        action: 'tender.declared-unsuccessful',
        object: { type: 'tender', id: next.tenderId },
        change: { previousStatus: current.status, reason: body.reason, rule: 'no-bids' },
      },
      [
        notificationPut({
          type: 'tender.unsuccessful',
          tenderId: next.tenderId,
          title: next.title,
          at: now,
          message: `The tender is unsuccessful: ${next.unsuccessfulReason}`,
          audience: { bidders: false, followers: true, organisationId: next.buyer },
        }),
      ],
    );
    return { body: { tender: next }, headers: { etag: etag(next.version) } as Record<string, string> };
  }

  const { questionsDeadline } = body;
  if (questionsDeadline !== undefined) {
    if (Date.parse(questionsDeadline) <= Date.parse(now)) {
      throw invalidField('body.questionsDeadline', 'must be in the future');
    }
    if (Date.parse(questionsDeadline) >= Date.parse(body.submissionDeadline)) {
      throw invalidField('body.questionsDeadline', 'must be before the submission deadline');
    }
  }
  const { next, revision, deadlineExtended } = extendAfterNoBids(
    current,
    { submissionDeadline: body.submissionDeadline, questionsDeadline, note: body.note },
    now,
  );
  await saveTender(
    next,
    current.version,
    {
      actor,
      action: 'tender.deadline-extended',
      object: { type: 'tender', id: next.tenderId },
      change: {
        previousStatus: current.status,
        revision: next.revision,
        note: body.note,
        deadlineExtended,
        rule: 'no-bids',
      },
    },
    [
      revisionPut(next.tenderId, revision),
      notificationPut({
        type: 'tender.deadline-extended',
        tenderId: next.tenderId,
        title: next.title,
        at: now,
        message: `No bid was received; the submission deadline is extended to ${next.submissionDeadline}`,
        audience: { bidders: false, followers: true, organisationId: next.buyer },
      }),
    ],
  );
  await scheduleOpeningAfterCommit(next, Date.parse(now));
  return {
    body: { tender: next, revision: revisionSummary(revision), deadlineExtended },
    headers: { etag: etag(next.version), location: `/tenders/${next.tenderId}/revisions/${next.revision}` },
  };
}

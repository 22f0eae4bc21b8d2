// The procuring entity's choice for a tender that closed with no bid (shared/tenders/no-bids-rule.ts):
// extend the deadline (a new revision, the opening timer re-armed) or declare it unsuccessful.
// Each writes the tender, its audit event and a notification in one transaction.

import { actorOf } from '../../shared/audit/actor.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { etag } from '../../shared/http/etag.ts';
import { invalidField } from '../../shared/http/problem.ts';
import { declareUnsuccessfulNoBids, extendAfterNoBids } from '../../shared/lifecycle/no-bids-writes.ts';
import { writeTenderTransition } from '../../shared/lifecycle/tender-writes.ts';
import { openingTimerAfterCommit } from '../../shared/opening/timers.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { noBidsProblems } from '../../shared/tenders/no-bids-rule.ts';
import { ownTender, requireVersion } from '../../shared/tenders/tender-access.ts';
import type { NoBidsDecision } from '../../shared/tenders/tender-schemas.ts';
import { revisionPut, revisionSummary } from '../../shared/tenders/tender-store.ts';

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
    await writeTenderTransition('declareUnsuccessfulNoBids', current, next, {
      actor,
      change: { previousStatus: current.status, reason: body.reason, rule: 'no-bids' },
      notification: {
        title: next.title,
        message: `The tender is unsuccessful: ${next.unsuccessfulReason}`,
        audience: { bidders: false, followers: true, organisationId: next.buyer },
      },
      etag: true,
    });
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
  await writeTenderTransition('extendAfterNoBids', current, next, {
    actor,
    change: {
      previousStatus: current.status,
      revision: next.revision,
      note: body.note,
      deadlineExtended,
      rule: 'no-bids',
    },
    items: { revision: revisionPut(next.tenderId, revision) },
    timers: { opening: openingTimerAfterCommit(next) },
    notification: {
      title: next.title,
      message: `No bid was received; the submission deadline is extended to ${next.submissionDeadline}`,
      audience: { bidders: false, followers: true, organisationId: next.buyer },
    },
    etag: true,
  });
  return {
    body: { tender: next, revision: revisionSummary(revision), deadlineExtended },
    headers: { etag: etag(next.version), location: `/tenders/${next.tenderId}/revisions/${next.revision}` },
  };
}

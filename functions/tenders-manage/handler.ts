import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../../shared/audit/actor.ts';
import { amendmentRequiresConfirmation } from '../../shared/bids/confirmation-rule.ts';
import { newOpeningKey } from '../../shared/bids/opening-key-store.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { forbidden, invalidField } from '../../shared/http/problem.ts';
import { tenderLifecycle } from '../../shared/lifecycle/tables.ts';
import { newTender, tenderNext, writeTenderTransition } from '../../shared/lifecycle/tender-writes.ts';
import { notificationPut } from '../../shared/notifications/outbox.ts';
import { openingTimerAfterCommit } from '../../shared/opening/timers.ts';
import { getOrganisation } from '../../shared/organisations/organisation-store.ts';
import { planPackageLink, refusePlanBreaks } from '../../shared/plans/package-link.ts';
import { decodePosition, encodePosition, fillPage } from '../../shared/platform/paged-query.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import {
  organisationOf,
  ownTender,
  requireBeforeDeadline,
  requireVersion,
} from '../../shared/tenders/tender-access.ts';
import {
  applyChanges,
  refuseSealedTermChanges,
  throwIfIssues,
  throwIfStateIssues,
} from '../../shared/tenders/tender-changes.ts';
import { amendmentDeadlineExtension, refuseProcedureBreaks } from '../../shared/tenders/tender-procedure.ts';
import { publicationIssues, tenderIssues } from '../../shared/tenders/tender-rules.ts';
import type { Revision } from '../../shared/tenders/tender-schemas.ts';
import {
  revisionPut,
  revisionSummary,
  tenderTable,
  toSummary,
  toTender,
} from '../../shared/tenders/tender-store.ts';
import { tenderManageRoutes } from './contract.ts';
import { decideNoBids } from './no-bids-decision.ts';

export const handler = httpHandler(tenderManageRoutes, {
  async createTender({ body, principal, role }) {
    const organisationId = organisationOf(principal);
    const organisation = await getOrganisation(organisationId);
    if (!organisation) throw forbidden(`organisation ${organisationId} is not registered`);
    const now = clock.iso();
    refuseProcedureBreaks(body, now, 'body');
    const tender = newTender({
      tenderId: ulid(),
      ...body,
      lots: body.lots.map((lot) => ({ ...lot, lotId: ulid() })),
      buyer: organisationId,
      buyerName: organisation.name,
      revision: 0,
      documents: [],
      createdAt: now,
      updatedAt: now,
    });
    // From a plan package: checked against the package, and linked both ways in the same write.
    const link =
      tender.planId && tender.packageId
        ? await planPackageLink({ ...tender, planId: tender.planId, packageId: tender.packageId })
        : undefined;
    await writeTenderTransition('create', undefined, tender, {
      actor: actorOf(principal, role),
      change: tender,
      ...(link ? { items: link } : {}),
      etag: true,
    });
    return {
      body: tender,
      headers: { etag: etag(tender.version), location: `/entity/tenders/${tender.tenderId}` },
    };
  },

  async updateTender({ params, body, principal, role, ifMatch }) {
    const current = await ownTender(params.tenderId, principal);
    requireVersion(current, ifMatch);
    tenderLifecycle.require('edit', current.status, 'edit (amend it instead)');
    const { merged, applied } = applyChanges(current, body, 'body');
    throwIfIssues(tenderIssues(merged), 'body');
    const now = clock.iso();
    refuseProcedureBreaks(merged, now, 'body');
    await refusePlanBreaks(merged, 'body');
    const next = tenderNext('edit', current, merged, now);
    await writeTenderTransition('edit', current, next, {
      actor: actorOf(principal, role),
      change: applied,
      etag: true,
    });
    return { body: next, headers: { etag: etag(next.version) } };
  },

  async publishTender({ params, principal, role, ifMatch }) {
    const current = await ownTender(params.tenderId, principal);
    requireVersion(current, ifMatch);
    tenderLifecycle.require('publish', current.status);
    const now = clock.iso();
    throwIfStateIssues(publicationIssues(current, Date.parse(now)), 'the tender cannot be published yet');
    refuseProcedureBreaks(current, now, 'tender', 'the tender cannot be published under its procedure');
    const openingKey = await newOpeningKey(current.tenderId, now);
    const next = tenderNext(
      'publish',
      current,
      {
        openingPublicKey: openingKey.publicKey,
        publishedAt: now,
        deadlineVersion: current.version + 1,
        revision: 1,
        documents: current.documents.map((d) => ({ ...d, revision: 1 })),
      },
      now,
    );
    const revision: Revision = {
      revision: 1,
      kind: 'publication',
      at: now,
      changedFields: [],
      snapshot: next,
    };
    await writeTenderTransition('publish', current, next, {
      actor: actorOf(principal, role),
      change: {
        revision: 1,
        publishedAt: now,
        submissionDeadline: next.submissionDeadline,
        openingKeyId: openingKey.publicKey.keyId,
      },
      items: { revision: revisionPut(next.tenderId, revision), openingKey: openingKey.put },
      timers: { opening: openingTimerAfterCommit(next) },
      etag: true,
    });
    return { body: next, headers: { etag: etag(next.version) } };
  },

  async cancelTender({ params, body, principal, role, ifMatch }) {
    const current = await ownTender(params.tenderId, principal);
    requireVersion(current, ifMatch);
    const now = clock.iso();
    const next = tenderNext('cancel', current, { cancelledAt: now, cancellationReason: body.reason }, now);
    await writeTenderTransition('cancel', current, next, {
      actor: actorOf(principal, role),
      change: { reason: body.reason, previousStatus: current.status },
      etag: true,
    });
    return { body: next, headers: { etag: etag(next.version) } };
  },

  async amendTender({ params, body, principal, role, ifMatch }) {
    const current = await ownTender(params.tenderId, principal);
    requireVersion(current, ifMatch);
    tenderLifecycle.require('amend', current.status, 'amend (edit a draft with PATCH)');
    const now = clock.iso();
    requireBeforeDeadline(current, Date.parse(now), 'amend');
    for (const field of ['submissionDeadline', 'questionsDeadline'] as const) {
      const value = body.changes[field];
      if (value !== undefined && Date.parse(value) <= Date.parse(now)) {
        throw invalidField(`body.changes.${field}`, 'must be in the future');
      }
    }
    refuseSealedTermChanges(current, body.changes, 'body.changes');
    const { merged, applied } = applyChanges(current, body.changes, 'body.changes');
    const deadlineExtended = amendmentDeadlineExtension(merged, now);
    if (deadlineExtended) merged.submissionDeadline = deadlineExtended.to;
    throwIfIssues(tenderIssues(merged), 'body.changes');
    refuseProcedureBreaks(merged, current.publishedAt ?? now, 'body.changes');
    await refusePlanBreaks(merged, 'body.changes');

    const changedFields = Object.keys(applied);
    if (deadlineExtended && !changedFields.includes('submissionDeadline')) {
      changedFields.push('submissionDeadline');
    }
    // Bids placed before an amendment of what they answer to must be confirmed or replaced.
    const confirmBids = amendmentRequiresConfirmation(changedFields);
    const next = tenderNext(
      'amend',
      current,
      {
        ...merged,
        revision: current.revision + 1,
        ...(changedFields.includes('submissionDeadline') ? { deadlineVersion: current.version + 1 } : {}),
        ...(confirmBids ? { bidsConfirmationRevision: current.revision + 1 } : {}),
      },
      now,
    );
    const revision: Revision = {
      revision: next.revision,
      kind: 'amendment',
      at: now,
      note: body.note,
      changedFields,
      ...(deadlineExtended ? { deadlineExtended } : {}),
      snapshot: next,
    };
    await writeTenderTransition('amend', current, next, {
      actor: actorOf(principal, role),
      change: {
        revision: next.revision,
        note: body.note,
        changes: applied,
        ...(deadlineExtended ? { deadlineExtended } : {}),
        ...(confirmBids ? { bidsConfirmationRevision: next.revision } : {}),
      },
      items: {
        revision: revisionPut(next.tenderId, revision),
        // Who bid is secret until the opening, so this goes to followers, and bidders see it on
        // their own bids (GET /me/bids: confirmation.required); see confirmation-rule.ts.
        ...(confirmBids
          ? {
              confirmationNotice: notificationPut({
                type: 'bids.confirmation-required',
                tenderId: next.tenderId,
                title: next.title,
                at: now,
                message: `The tender was amended (revision ${next.revision}): bids placed before it are opened only if confirmed on revision ${next.revision} (POST …/bids/{bidId}/confirmations) or replaced before ${next.submissionDeadline}`,
                audience: { bidders: true, followers: true },
              }),
            }
          : {}),
      },
      timers: { opening: openingTimerAfterCommit(next) },
      etag: true,
    });
    return {
      body: {
        tender: next,
        revision: revisionSummary(revision),
        ...(deadlineExtended ? { deadlineExtended } : {}),
      },
      headers: { etag: etag(next.version), location: `/tenders/${next.tenderId}/revisions/${next.revision}` },
    };
  },

  decideNoBids: (request) => decideNoBids(request),

  async listOwnTenders(request) {
    const { query, principal } = request;
    const organisationId = organisationOf(principal);
    // The organisation comes from the token, not the query: the cursor is bound to it too.
    const cursors = cursorsOf(request, { organisationId });
    const start = await decodePosition(cursors, storedKeySchema('tenders', 'byBuyer'));
    const { items, next } = await fillPage(query.limit, start, 1, async (_part, limit, startKey) => {
      const page = await db.send(
        new QueryCommand({
          TableName: tenderTable(),
          IndexName: 'byBuyer',
          KeyConditionExpression: 'gsi2pk = :buyer',
          ...(query.status
            ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
            : {}),
          ExpressionAttributeValues: {
            ':buyer': tenderEntity.indexPk('byBuyer', { buyer: organisationId }),
            ...(query.status ? { ':status': query.status } : {}),
          },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      return { items: (page.Items ?? []).map((i) => toSummary(toTender(i))), lastKey: page.LastEvaluatedKey };
    });
    return { body: { items, nextCursor: await encodePosition(cursors, next) } };
  },

  async getOwnTender({ params, principal }) {
    const tender = await ownTender(params.tenderId, principal);
    return { body: tender, headers: { etag: etag(tender.version) } };
  },
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { callerContractorId } from '../../shared/bids/bid-access.ts';
import { ownBidLogEvents } from '../../shared/bids/bid-log-events.ts';
import { bidProblems } from '../../shared/bids/bid-problems.ts';
import {
  bidTable,
  getVersions,
  type OwnBidEntry,
  ownIndex,
  ownVersions,
  type StoredBidVersion,
  tenderPartition,
  toBidView,
} from '../../shared/bids/bid-store.ts';
import { type BidderSecret, bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { bidVersionEntity } from '../../shared/entities/bids.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ownTender } from '../../shared/tenders/tender-access.ts';
import { getTender } from '../../shared/tenders/tender-store.ts';
import { bidQueryRoutes } from './contract.ts';

/** The views with their tenders (each read once), so each says whether it must be confirmed. */
async function ownViews(secret: BidderSecret, versions: readonly StoredBidVersion[]) {
  const tenderIds = [...new Set(versions.map((v) => v.tenderId))];
  const tenders = new Map(await Promise.all(tenderIds.map(async (id) => [id, await getTender(id)] as const)));
  return versions.map((v) => toBidView(secret, v, tenders.get(v.tenderId)));
}

/** Own bids come by tender, lot and version, as a contractor reads them. */
const orderOf = (e: OwnBidEntry) => `${e.tenderId}#${e.lotId}#${String(e.version).padStart(4, '0')}`;

export const handler = httpHandler(bidQueryRoutes, {
  async getOwnBid({ params, principal }) {
    const secret = await bidderSecret(await callerContractorId(principal.sub));
    const version = (
      await ownVersions(params.tenderId, params.lotId, secret.bidderRef(params.tenderId))
    ).find((v) => v.bidId === params.bidId);
    if (!version) throw bidProblems.bidNotFound(params.bidId);
    return { body: toBidView(secret, version, await getTender(params.tenderId)) };
  },

  async getOwnBidLogEvents({ params, principal }) {
    const secret = await bidderSecret(await callerContractorId(principal.sub));
    const version = (
      await ownVersions(params.tenderId, params.lotId, secret.bidderRef(params.tenderId))
    ).find((v) => v.bidId === params.bidId);
    if (!version) throw bidProblems.bidNotFound(params.bidId);
    // The receipt the bidder holds says which action its event logged.
    const events = await ownBidLogEvents(version, toBidView(secret, version).receipt.action);
    if (!events) throw bidProblems.bidNotFound(params.bidId);
    return { body: events };
  },

  async listOwnBids(request) {
    const { query, principal } = request;
    const secret = await bidderSecret(await callerContractorId(principal.sub));
    const cursors = cursorsOf(request);
    const after = (await cursors.read(z.strictObject({ after: z.string().min(1).max(512) })))?.after;
    // The index is sealed entry by entry, so it is read whole and ordered here.
    const entries = (await ownIndex(secret))
      .filter((e) => !query.tenderId || e.tenderId === query.tenderId)
      .filter((e) => after === undefined || orderOf(e) > after)
      .sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : 1));
    const page = entries.slice(0, query.limit);
    const last = page.at(-1);
    return {
      body: {
        items: await ownViews(secret, await getVersions(secret, page)),
        nextCursor:
          entries.length > page.length && last ? await cursors.issue({ after: orderOf(last) }) : undefined,
      },
    };
  },

  async listReceivedBids(request) {
    const { params, query, principal } = request;
    const tender = await ownTender(params.tenderId, principal);
    const cursors = cursorsOf(request);
    // Before the deadline the answer is the same whether there are bids or not.
    if (clock.nowMs() < Date.parse(tender.submissionDeadline)) {
      throw bidProblems.sealedUntilDeadline(tender.submissionDeadline);
    }
    const page = await db.send(
      new QueryCommand({
        TableName: bidTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bids)',
        FilterExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': tenderPartition(tender.tenderId),
          ':bids': bidVersionEntity.skPrefix({}),
          ':active': 'active',
        },
        Limit: query.limit,
        ExclusiveStartKey: await cursors.read(storedKeySchema('bids')),
      }),
    );
    return {
      body: {
        items: (page.Items ?? []).map((item) => {
          const v = item as StoredBidVersion;
          return {
            bidId: v.bidId,
            lotId: v.lotId,
            bidderRef: v.bidderRef,
            version: v.version,
            receivedAt: v.receivedAt,
            envelopeSha256: v.envelopeSha256,
            envelopeSize: v.envelopeSize,
          };
        }),
        nextCursor: await cursors.issue(page.LastEvaluatedKey as Record<string, string> | undefined),
      },
    };
  },
});

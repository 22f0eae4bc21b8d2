import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { callerContractorId } from '../../shared/bids/bid-access.ts';
import { bidProblems } from '../../shared/bids/bid-problems.ts';
import { bidKeys } from '../../shared/bids/bid-records.ts';
import {
  bidTable,
  ownVersions,
  type StoredBidVersion,
  tenderPartition,
  toBidView,
} from '../../shared/bids/bid-store.ts';
import { db } from '../../shared/db/client.ts';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ownTender } from '../../shared/tenders/tender-access.ts';
import { bidQueryRoutes } from './contract.ts';

export const handler = httpHandler(bidQueryRoutes, {
  async getOwnBid({ params, principal }) {
    const contractorId = await callerContractorId(principal.sub);
    const version = (await ownVersions(params.tenderId, params.lotId, contractorId)).find(
      (v) => v.bidId === params.bidId,
    );
    if (!version) throw bidProblems.bidNotFound(params.bidId);
    return { body: toBidView(version) };
  },

  async listOwnBids({ query, principal }) {
    const contractorId = await callerContractorId(principal.sub);
    const page = await db.send(
      new QueryCommand({
        TableName: bidTable(),
        IndexName: 'byTender',
        KeyConditionExpression: query.tenderId
          ? 'gsi1pk = :contractor AND begins_with(gsi1sk, :tender)'
          : 'gsi1pk = :contractor',
        ExpressionAttributeValues: {
          ':contractor': bidKeys.byContractor(contractorId).gsi1pk,
          ...(query.tenderId ? { ':tender': `${query.tenderId}#` } : {}),
        },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor),
      }),
    );
    return {
      body: {
        items: (page.Items ?? []).map((item) => toBidView(item as StoredBidVersion)),
        nextCursor: encodeCursor(page.LastEvaluatedKey),
      },
    };
  },

  async listReceivedBids({ params, query, principal }) {
    const tender = await ownTender(params.tenderId, principal);
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
          ':bids': 'BID#',
          ':active': 'active',
        },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor),
      }),
    );
    return {
      body: {
        items: (page.Items ?? []).map((item) => {
          const v = item as StoredBidVersion;
          return {
            bidId: v.bidId,
            lotId: v.lotId,
            contractorId: v.contractorId,
            version: v.version,
            receivedAt: v.receivedAt,
            envelopeSha256: v.envelopeSha256,
            envelopeSize: v.envelopeSize,
          };
        }),
        nextCursor: encodeCursor(page.LastEvaluatedKey),
      },
    };
  },
});

import * as z from 'zod';
import { OwnBidLogEvents } from '../../shared/bids/bid-log-events.ts';
import { BidParams, BidVersionView, OwnBidsQuery, ReceivedBid } from '../../shared/bids/bid-schemas.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';

const tags = ['bids'];

export const bidQueryRoutes = {
  getOwnBid: defineRoute({
    operationId: 'getOwnBid',
    method: 'GET',
    path: '/tenders/{tenderId}/lots/{lotId}/bids/{bidId}',
    summary: 'One of your own bid versions with its receipts (no one else can address it)',
    tags,
    auth: ['contractor'],
    params: BidParams,
    response: BidVersionView,
  }),
  getOwnBidLogEvents: defineRoute({
    operationId: 'getOwnBidLogEvents',
    method: 'GET',
    path: '/tenders/{tenderId}/lots/{lotId}/bids/{bidId}/log-events',
    summary:
      "Your own bid version's audit events (the eventIds its receipts cite) as logged, with inclusion proofs and the salt of their tender commitment",
    tags,
    auth: ['contractor'],
    params: BidParams,
    response: OwnBidLogEvents,
  }),
  listOwnBids: defineRoute({
    operationId: 'listOwnBids',
    method: 'GET',
    path: '/me/bids',
    summary: 'Every version of your own bids, optionally on one tender, with their receipts',
    tags,
    auth: ['contractor'],
    query: OwnBidsQuery,
    response: Page(BidVersionView),
  }),
  listReceivedBids: defineRoute({
    operationId: 'listReceivedBids',
    method: 'GET',
    path: '/entity/tenders/{tenderId}/bids',
    summary:
      "The active bids received on your organisation's tender: refused before the submission deadline, when bids are sealed (not even their number is told)",
    tags,
    auth: ['procuring-entity'],
    params: z.strictObject({ tenderId: Id }),
    query: PageQuery,
    response: Page(ReceivedBid),
  }),
};

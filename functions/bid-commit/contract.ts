import {
  BidActionResult,
  BidCommitRequest,
  BidConfirmationRequest,
  BidParams,
  LotParams,
} from '../../shared/bids/bid-schemas.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';

const tags = ['bids'];

export const bidCommitRoutes = {
  commitBid: defineRoute({
    operationId: 'commitBid',
    method: 'POST',
    path: '/tenders/{tenderId}/lots/{lotId}/bids',
    summary:
      'Commit an uploaded sealed envelope as your bid on the lot (or as the replacement of your active bid), get a signed receipt. Needs an Idempotency-Key header',
    tags,
    auth: ['contractor'],
    params: LotParams,
    body: BidCommitRequest,
    response: BidActionResult,
    successStatus: 201,
    requiresIdempotencyKey: true,
  }),
  withdrawBid: defineRoute({
    operationId: 'withdrawBid',
    method: 'DELETE',
    path: '/tenders/{tenderId}/lots/{lotId}/bids/{bidId}',
    summary:
      'Withdraw your active bid before the deadline, get a signed receipt; the bid stays on record, never opened',
    tags,
    auth: ['contractor'],
    params: BidParams,
    response: BidActionResult,
  }),
  confirmBid: defineRoute({
    operationId: 'confirmBid',
    method: 'POST',
    path: '/tenders/{tenderId}/lots/{lotId}/bids/{bidId}/confirmations',
    summary:
      'After an amendment, confirm your active bid answers the current revision (signed with your registered key), get a signed receipt; an unconfirmed bid is not opened',
    tags,
    auth: ['contractor'],
    params: BidParams,
    body: BidConfirmationRequest,
    response: BidActionResult,
    successStatus: 201,
  }),
};

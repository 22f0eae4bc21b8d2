import { BidUploadRequest, BidUploadTicket, LotParams } from '../../shared/bids/bid-schemas.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';

export const bidUploadRoutes = {
  requestBidUpload: defineRoute({
    operationId: 'requestBidUpload',
    method: 'POST',
    path: '/tenders/{tenderId}/lots/{lotId}/bid-uploads',
    summary:
      'A presigned PUT for one sealed bid envelope: size and SHA-256 signed in, no overwrite (If-None-Match), expiring by the deadline',
    tags: ['bids'],
    auth: ['contractor'],
    params: LotParams,
    body: BidUploadRequest,
    response: BidUploadTicket,
    successStatus: 201,
  }),
};

import { httpHandler } from '../../shared/http/http-handler.ts';
import { commitBid } from './commit.ts';
import { confirmBid } from './confirm.ts';
import { bidCommitRoutes } from './contract.ts';
import { withdrawBid } from './withdraw.ts';

// This function can read neither a bid nor an opening key: it has GetObjectAttributes on sealed
// envelopes (size, stored checksum), no s3:GetObject, and no kms:Decrypt (see functions/catalog.ts).
export const handler = httpHandler(bidCommitRoutes, {
  commitBid: (request) => commitBid(request),
  withdrawBid: (request) => withdrawBid(request),
  confirmBid: (request) => confirmBid(request),
});

// The shapes the bidding pages read, taken from the generated API types (one source: the route
// contracts), so a change of the API's schema shows here as a type error.
import type { paths } from '../api/schema';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type Contractor = Json<'/me/contractor', 'get'>;
export type SigningKey = Json<'/contractors/{contractorId}/signing-keys', 'get'>['items'][number];
export type Tender = Json<'/tenders/{tenderId}', 'get'>;
export type Lot = Tender['lots'][number];
export type OwnBid = Json<'/me/bids', 'get'>['items'][number];
export type BidResult = Json<'/tenders/{tenderId}/lots/{lotId}/bids', 'post'>;
export type UploadTicket = Json<'/tenders/{tenderId}/lots/{lotId}/bid-uploads', 'post'>;

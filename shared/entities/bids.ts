// The bids table's items, under bidder pseudonyms (bidderRef, ownerRef: shared/bids/bidder-secret).
import { defineEntity } from './define-entity.ts';

export const bidVersionEntity = defineEntity({
  table: 'bids',
  description: "one version of a bidder's bid on a lot",
  pk: 'TENDER#{tenderId}',
  sk: 'BID#{lotId}#{bidderRef}#{version:4}',
});

export const currentBidEntity = defineEntity({
  table: 'bids',
  description: "the pointer to a bidder's current version on a lot",
  pk: 'TENDER#{tenderId}',
  sk: 'CURRENT#{lotId}#{bidderRef}',
});

export const idempotencyEntity = defineEntity({
  table: 'bids',
  description: "a bidder's idempotency key on a tender",
  pk: 'IDEMPOTENCY#{tenderId}#{bidderRef}',
  sk: 'KEY#{keyMac}',
});

export const ownBidEntity = defineEntity({
  table: 'bids',
  description: "an owner's index entry for one of their bids",
  pk: 'OWNER#{ownerRef}',
  sk: 'BID#{bidMac}',
});

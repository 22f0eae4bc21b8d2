// The receipt batches table's items (shared/receipts/receipt-batcher.ts). A new partition every
// window, so no key stays hot however many receipts a deadline brings.
import { defineEntity } from './define-entity.ts';

export const receiptWindowEntity = defineEntity({
  table: 'receiptBatches',
  description:
    "one receipt batch: a window's slot, its leaf hashes in append order, then its seal and KMS signature",
  pk: 'RCPT#{window}#{slot}',
  sk: 'BATCH',
});

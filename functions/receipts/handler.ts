import { httpHandler } from '../../shared/http/http-handler.ts';
import { receiptPublicKey } from '../../shared/receipts/receipt-key.ts';
import { receiptRoutes } from './contract.ts';

export const handler = httpHandler(receiptRoutes, {
  async receiptPublicKey() {
    // The key never changes under this id; clients may cache it for as long as they like.
    return { body: await receiptPublicKey(), headers: { 'cache-control': 'public, max-age=86400' } };
  },
});

import { defineRoute } from '../../shared/http/route-contract.ts';
import { ReceiptPublicKeyView } from '../../shared/receipts/receipt.ts';

export const receiptRoutes = {
  receiptPublicKey: defineRoute({
    operationId: 'receiptPublicKey',
    method: 'GET',
    path: '/receipts/public-key',
    summary:
      'The public key that signs bid receipts (PEM and JWK, with its RFC 7638 keyId): pin it to verify receipts offline',
    tags: ['receipts'],
    auth: 'public',
    response: ReceiptPublicKeyView,
  }),
};

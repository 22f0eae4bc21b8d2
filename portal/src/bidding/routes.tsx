// The contractor's signing keys and sealed bids (seal, submit, replace, withdraw, re-confirm), mounted under /:lang/contractor (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const biddingRoutes: RouteObject[] = [
  { path: 'keys', lazy: async () => ({ Component: (await import('./KeysRoute')).KeysRoute }) },
  { path: 'tenders/:tenderId/bid', lazy: async () => ({ Component: (await import('./BidPage')).BidPage }) },
  {
    path: 'tenders/:tenderId/lots/:lotId/bids/:bidId/confirm',
    lazy: async () => ({ Component: (await import('./ConfirmPage')).ConfirmPage }),
  },
];

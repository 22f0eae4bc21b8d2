// The contractor's own pages (company registration, profile, my bids and their receipts, minutes, results, petitions, notifications), mounted under /:lang/contractor (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const contractorRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./Dashboard')).Dashboard }) },
  { path: 'profile', lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
  { path: 'bids', lazy: async () => ({ Component: (await import('./MyBids')).MyBids }) },
  {
    path: 'tenders/:tenderId',
    lazy: async () => ({ Component: (await import('./TenderOutcome')).TenderOutcome }),
  },
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./Notifications')).Notifications }),
  },
];

// The procuring entity's workspace up to the opening (dashboard, drafts, publish, amend, questions,
// documents), mounted under /:lang/workspace (main.tsx). Every page loads lazily, so the public
// pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const workspaceRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./Dashboard')).Dashboard }) },
  { path: 'tenders/new', lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }) },
  { path: 'tenders/:tenderId', lazy: async () => ({ Component: (await import('./TenderPage')).TenderPage }) },
  {
    path: 'tenders/:tenderId/edit',
    lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }),
  },
];

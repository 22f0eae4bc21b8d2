// The procuring entity's work after the opening (minutes, eligibility, scores, ranking, award,
// petitions, contract, notifications), mounted under /:lang/workspace (main.tsx). The pages load
// lazily: their code (and styles) stay out of the public pages' bundle.
import type { RouteObject } from 'react-router';

export const decisionRoutes: RouteObject[] = [
  {
    path: 'tenders/:tenderId/decisions',
    lazy: async () => ({ Component: (await import('./DecisionsPage')).DecisionsPage }),
  },
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage')).NotificationsPage }),
  },
];

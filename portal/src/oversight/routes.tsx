// The oversight workspace (contractor status, the audit log, checkpoints), mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const oversightRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./Dashboard')).Dashboard }) },
  {
    path: 'contractors',
    lazy: async () => ({ Component: (await import('./ContractorList')).ContractorList }),
  },
  {
    path: 'contractors/:contractorId',
    lazy: async () => ({ Component: (await import('./ContractorPage')).ContractorPage }),
  },
  { path: 'log', lazy: async () => ({ Component: (await import('./AuditLog')).AuditLog }) },
  { path: 'log/events/:eventId', lazy: async () => ({ Component: (await import('./EventPage')).EventPage }) },
  { path: 'checkpoints', lazy: async () => ({ Component: (await import('./Checkpoints')).Checkpoints }) },
];

// The city's KPI reports and red flags, mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it (nor ECharts, which the
// reports page loads in a chunk of its own after its table).
import type { RouteObject } from 'react-router';

export const reportRoutes: RouteObject[] = [
  {
    path: 'reports',
    lazy: async () => ({ Component: (await import('./ReportsPage')).ReportsPage }),
  },
  {
    path: 'flags',
    lazy: async () => ({ Component: (await import('./FlagsPage')).FlagsPage }),
  },
];

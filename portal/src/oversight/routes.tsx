// The oversight workspace (contractor status, the audit log, checkpoints), mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const oversightRoutes: RouteObject[] = [];

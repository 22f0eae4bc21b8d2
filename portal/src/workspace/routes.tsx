// The procuring entity's workspace up to the opening (dashboard, drafts, publish, amend, questions,
// documents), mounted under /:lang/workspace (main.tsx).
import type { RouteObject } from 'react-router';

export const workspaceRoutes: RouteObject[] = [];

// The procuring entity's work after the opening (minutes, eligibility, scores, ranking, award,
// petitions, contract, notifications), mounted under /:lang/workspace (main.tsx).
import type { RouteObject } from 'react-router';

export const decisionRoutes: RouteObject[] = [];

// The city's KPI reports and red flags, mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const reportRoutes: RouteObject[] = [];

// The contractor's own pages (company registration, profile, my bids and their receipts, minutes, results, petitions, notifications), mounted under /:lang/contractor (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const contractorRoutes: RouteObject[] = [];

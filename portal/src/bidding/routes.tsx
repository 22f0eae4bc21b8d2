// The contractor's signing keys and sealed bids (seal, submit, replace, withdraw, re-confirm), mounted under /:lang/contractor (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const biddingRoutes: RouteObject[] = [];

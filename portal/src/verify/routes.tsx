// Verifying a tender's audit bundle and contractors' receipts in the browser, mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it.
import type { RouteObject } from 'react-router';

export const verifyRoutes: RouteObject[] = [];

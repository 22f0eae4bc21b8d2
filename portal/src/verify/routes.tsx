// Verifying a tender's audit bundle and contractors' receipts in the browser, mounted under /:lang/oversight (main.tsx).
// Every page loads lazily, so the public pages' bundle carries none of it. The page works without
// signing in for a bundle file (anyone may verify offline); fetching one needs an auditor or admin.
import type { RouteObject } from 'react-router';

const page = async () => ({ Component: (await import('./VerifyPage')).VerifyPage });

export const verifyRoutes: RouteObject[] = [
  { path: 'verify', lazy: page },
  { path: 'verify/:tenderId', lazy: page },
];

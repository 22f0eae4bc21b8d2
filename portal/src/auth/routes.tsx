// Sign-in, sign-up and account pages, mounted under /:lang/ (main.tsx).
import type { RouteObject } from 'react-router';

export const authRoutes: RouteObject[] = [];

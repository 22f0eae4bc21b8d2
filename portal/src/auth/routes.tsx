// Sign-in, sign-up and account pages, mounted under /:lang/ (main.tsx).
import type { RouteObject } from 'react-router';
import { SignIn } from './SignIn';
import { SignUp } from './SignUp';

export const authRoutes: RouteObject[] = [
  { path: 'sign-in', element: <SignIn /> },
  { path: 'sign-up', element: <SignUp /> },
];

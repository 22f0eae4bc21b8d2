import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiProblem } from './api/client';
import { authRoutes } from './auth/routes';
import { biddingRoutes } from './bidding/routes';
import { Layout } from './components/Layout';
import { contractorRoutes } from './contractor/routes';
import { decisionRoutes } from './decisions/routes';
import { defaultLocale } from './i18n/locale';
import { oversightRoutes } from './oversight/routes';
import { Contractors } from './pages/Contractors';
import { NotFound } from './pages/NotFound';
import { OpenData } from './pages/OpenData';
import { TenderDetail } from './pages/TenderDetail';
import { TenderList } from './pages/TenderList';
import { reportRoutes } from './reports/routes';
import { verifyRoutes } from './verify/routes';
import { workspaceRoutes } from './workspace/routes';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (4xx) will not change on retry; a network error or 5xx may.
      retry: (count, error) => !(error instanceof ApiProblem && error.problem.status < 500) && count < 2,
    },
  },
});

async function signedInFrame() {
  const { prepareWorkspaceMessages, WorkspaceFrame } = await import('./i18n/part-messages');
  await prepareWorkspaceMessages();
  return { Component: WorkspaceFrame };
}

const router = createBrowserRouter([
  { path: '/', element: <Navigate to={`/${defaultLocale}/`} replace /> },
  {
    path: '/:lang',
    element: <Layout />,
    children: [
      { index: true, element: <TenderList /> },
      { path: 'tenders/:tenderId', element: <TenderDetail /> },
      { path: 'contractors', element: <Contractors /> },
      { path: 'open-data', element: <OpenData /> },
      ...authRoutes,
      // Each signed-in area's messages load with its first page, not with the public site.
      { path: 'workspace', lazy: signedInFrame, children: [...workspaceRoutes, ...decisionRoutes] },
      { path: 'contractor', lazy: signedInFrame, children: [...contractorRoutes, ...biddingRoutes] },
      {
        path: 'oversight',
        lazy: signedInFrame,
        children: [...oversightRoutes, ...verifyRoutes, ...reportRoutes],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

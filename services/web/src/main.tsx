import '@picocss/pico/css/pico.min.css';
import './app.css';
import './i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { ApiError } from './api';
import { Layout } from './components/layout';
import { SignIn, SignUp } from './pages/auth';
import { CollectivePage, CollectivesPage } from './pages/collectives';
import { CompanyPage, NewCompanyPage } from './pages/company';
import { HomePage } from './pages/home';
import { AccountPage } from './pages/account';
import { MeetPage } from './pages/meet';
import { NeedPage, NeedsPage } from './pages/needs';
import { NotFound, RouteError } from './pages/not-found';
import { TerritoriesPage, TerritoryPage } from './pages/territory';

const client = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // 4xx answers are final; retry only what may pass on a second try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignIn />, errorElement: <RouteError /> },
  { path: '/sign-up', element: <SignUp />, errorElement: <RouteError /> },
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/invitations/accept', element: <HomePage /> },
      { path: '/companies/new', element: <NewCompanyPage /> },
      { path: '/companies/:companyId/*', element: <CompanyPage /> },
      { path: '/needs', element: <NeedsPage /> },
      { path: '/needs/:needId', element: <NeedPage /> },
      { path: '/meet', element: <MeetPage /> },
      { path: '/collectives', element: <CollectivesPage /> },
      { path: '/collectives/:collectiveId', element: <CollectivePage /> },
      { path: '/territories', element: <TerritoriesPage /> },
      { path: '/territories/:territoryId/*', element: <TerritoryPage /> },
      { path: '/me', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

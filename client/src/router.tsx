import { Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { PageLoading } from "./components/common/page-loading";
import { Layout } from "./components/layout/layout";
import { HomePage } from "./pages/home/home-page";
import { LoginPage } from "./pages/login/login-page";
import { NotFoundPage } from "./pages/not-found/not-found-page";
import { accountRoutes } from "./routes/account";
import { customersRoutes } from "./routes/customers";
import { dashboardRoutes } from "./routes/dashboard";
import { integrationsRoutes } from "./routes/integrations";
import { logsRoutes } from "./routes/logs";
import { ordersRoutes } from "./routes/orders";
import { productsRoutes } from "./routes/products";

/**
 * Every page of the client, inside the common layout. Each feature adds its routes in routes/.
 * The home, login and not-found pages come with the first script; every other page is a chunk of
 * its own (routes/*.tsx, lazyPage), loaded on first use behind the loading status below.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        element: (
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        ),
        children: [
          { path: "/", element: <HomePage /> },
          { path: "/login", element: <LoginPage /> },
          ...accountRoutes,
          ...productsRoutes,
          ...ordersRoutes,
          ...customersRoutes,
          ...logsRoutes,
          ...dashboardRoutes,
          ...integrationsRoutes,
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

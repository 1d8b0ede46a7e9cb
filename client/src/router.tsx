import { createBrowserRouter } from "react-router";
import { Layout } from "./components/layout/layout";
import { HomePage } from "./pages/home/home-page";
import { LoginPage } from "./pages/login/login-page";
import { NotFoundPage } from "./pages/not-found/not-found-page";
import { accountRoutes } from "./routes/account";
import { customersRoutes } from "./routes/customers";
import { dashboardRoutes } from "./routes/dashboard";
import { logsRoutes } from "./routes/logs";
import { ordersRoutes } from "./routes/orders";
import { productsRoutes } from "./routes/products";

/** Every page of the client, inside the common layout. Each feature adds its routes in routes/. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/login", element: <LoginPage /> },
      ...accountRoutes,
      ...productsRoutes,
      ...ordersRoutes,
      ...customersRoutes,
      ...logsRoutes,
      ...dashboardRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

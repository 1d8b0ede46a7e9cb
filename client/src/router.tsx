import { createBrowserRouter } from "react-router";
import { Layout } from "./components/layout/layout";
import { HomePage } from "./pages/home/home-page";
import { LoginPage } from "./pages/login/login-page";
import { NotFoundPage } from "./pages/not-found/not-found-page";
import { accountRoutes } from "./routes/account";
import { adminRoutes } from "./routes/admin";
import { shopRoutes } from "./routes/shop";

/** Every page of the client, inside the common layout. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/login", element: <LoginPage /> },
      ...accountRoutes,
      ...shopRoutes,
      ...adminRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const IntegrationsPage = lazyPage(() => import("../pages/integrations/integrations-page"), "IntegrationsPage");

/** The integrations page: API tokens (and webhooks), admins only. */
export const integrationsRoutes: RouteObject[] = [
  {
    path: "/integrations",
    element: (
      <RequireRole roles={["ADMIN"]}>
        <IntegrationsPage />
      </RequireRole>
    ),
  },
];

import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const DashboardPage = lazyPage(() => import("../pages/dashboard/dashboard-page"), "DashboardPage");

/** The dashboard pages (each wrapped in RequireRole where it needs a login). */
export const dashboardRoutes: RouteObject[] = [
  {
    path: "/dashboard",
    element: (
      <RequireRole roles={["ADMIN"]}>
        <DashboardPage />
      </RequireRole>
    ),
  },
];

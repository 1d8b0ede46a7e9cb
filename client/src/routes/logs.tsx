import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const LogsPage = lazyPage(() => import("../pages/logs/logs-page"), "LogsPage");

/** The logs pages (each wrapped in RequireRole where it needs a login). */
export const logsRoutes: RouteObject[] = [
  {
    path: "/logs",
    element: (
      <RequireRole roles={["ADMIN"]}>
        <LogsPage />
      </RequireRole>
    ),
  },
];

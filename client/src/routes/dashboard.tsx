import type { RouteObject } from "react-router";

/** The dashboard pages (each wrapped in RequireRole where it needs a login). */
export const dashboardRoutes: RouteObject[] = [];

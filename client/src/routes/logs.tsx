import type { RouteObject } from "react-router";

/** The logs pages (each wrapped in RequireRole where it needs a login). */
export const logsRoutes: RouteObject[] = [];

import type { RouteObject } from "react-router";

/** The admin pages (each wrapped in RequireRole where it needs a login). */
export const adminRoutes: RouteObject[] = [];

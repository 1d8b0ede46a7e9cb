import type { RouteObject } from "react-router";

/** The orders pages (each wrapped in RequireRole where it needs a login). */
export const ordersRoutes: RouteObject[] = [];

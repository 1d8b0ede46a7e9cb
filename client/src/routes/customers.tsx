import type { RouteObject } from "react-router";

/** The customers pages (each wrapped in RequireRole where it needs a login). */
export const customersRoutes: RouteObject[] = [];

import type { RouteObject } from "react-router";

/** The account pages (each wrapped in RequireRole where it needs a login). */
export const accountRoutes: RouteObject[] = [];

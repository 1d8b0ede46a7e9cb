import type { RouteObject } from "react-router";

/** The shop pages (each wrapped in RequireRole where it needs a login). */
export const shopRoutes: RouteObject[] = [];

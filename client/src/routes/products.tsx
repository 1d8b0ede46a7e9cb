import type { RouteObject } from "react-router";

/** The products pages (each wrapped in RequireRole where it needs a login). */
export const productsRoutes: RouteObject[] = [];

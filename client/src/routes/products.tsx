import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const ProductsPage = lazyPage(() => import("../pages/products/products-page"), "ProductsPage");

/** The products pages (each wrapped in RequireRole where it needs a login). */
export const productsRoutes: RouteObject[] = [
  {
    path: "/products",
    element: (
      <RequireRole roles={["ADMIN", "CUSTOMER"]}>
        <ProductsPage />
      </RequireRole>
    ),
  },
];

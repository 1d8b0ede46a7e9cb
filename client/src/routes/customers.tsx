import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const CustomersPage = lazyPage(() => import("../pages/customers/customers-page"), "CustomersPage");

/** The customers pages (each wrapped in RequireRole where it needs a login). */
export const customersRoutes: RouteObject[] = [
  {
    path: "/customers",
    element: (
      <RequireRole roles={["ADMIN"]}>
        <CustomersPage />
      </RequireRole>
    ),
  },
];

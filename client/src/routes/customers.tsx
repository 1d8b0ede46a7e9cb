import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { CustomersPage } from "../pages/customers/customers-page";

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

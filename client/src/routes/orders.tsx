import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { OrdersPage } from "../pages/orders/orders-page";
import { PlaceOrderPage } from "../pages/place-order/place-order-page";

/** The orders pages (each wrapped in RequireRole where it needs a login). */
export const ordersRoutes: RouteObject[] = [
  {
    path: "/orders",
    element: (
      <RequireRole roles={["ADMIN", "CUSTOMER"]}>
        <OrdersPage />
      </RequireRole>
    ),
  },
  {
    path: "/orders/new",
    element: (
      <RequireRole roles={["ADMIN", "CUSTOMER"]}>
        <PlaceOrderPage />
      </RequireRole>
    ),
  },
];

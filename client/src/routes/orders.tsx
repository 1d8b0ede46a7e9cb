import type { RouteObject } from "react-router";
import { RequireRole } from "../components/session/require-role";
import { lazyPage } from "../lib/lazy-page";

const OrdersPage = lazyPage(() => import("../pages/orders/orders-page"), "OrdersPage");
const PlaceOrderPage = lazyPage(() => import("../pages/place-order/place-order-page"), "PlaceOrderPage");

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

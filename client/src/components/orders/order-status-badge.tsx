import type { OrderStatus } from "../../gql/graphql";

/** Bootstrap colour of each order status. */
export const STATUS_COLOURS: Record<OrderStatus, string> = {
  PENDING: "warning",
  PROCESSING: "primary",
  APPROVED: "success",
  REJECTED: "danger",
  CANCELLED: "secondary",
  SHIPPED: "info",
  DELIVERED: "dark",
};

/** Every status, in lifecycle order. */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  "PENDING",
  "PROCESSING",
  "APPROVED",
  "REJECTED",
  "CANCELLED",
  "SHIPPED",
  "DELIVERED",
];

/** A colour-coded badge for an order status. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const colour = STATUS_COLOURS[status];
  const text = colour === "warning" || colour === "info" ? " text-dark" : "";
  return (
    <span className={`badge text-bg-${colour}${text}`} data-testid="order-status">
      {status}
    </span>
  );
}

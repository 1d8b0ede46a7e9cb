import { Link } from "react-router";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents, formatDateTime } from "../../lib/format";
import { QueryState } from "../common/query-state";
import { OrderStatusBadge } from "../orders/order-status-badge";
import { QueueStanding } from "../orders/queue-standings";

/**
 * What the home page shows of an order. The customer's budget comes along, so an approval or a
 * refund updates the budget shown beside the list through the normalized cache.
 */
export const RecentOrdersFragment = graphql(`
  fragment RecentOrders_Order on Order {
    id
    status
    reason
    totalCents
    createdAt
    items {
      productId
      productName
      quantity
    }
    customer {
      id
      budgetCents
    }
  }
`);

interface RecentOrdersProps {
  /** Newest first; undefined while loading. */
  readonly orders: readonly FragmentType<typeof RecentOrdersFragment>[] | undefined;
}

/** A customer's latest orders, newest first, with a link to all of them. */
export function RecentOrders({ orders: orderRefs }: RecentOrdersProps) {
  const orders = useFragment(RecentOrdersFragment, orderRefs) ?? [];
  return (
    <section className="card h-100" aria-labelledby="recent-orders-heading">
      <div className="card-body">
        <div className="d-flex align-items-center justify-content-between mb-2">
          <h2 id="recent-orders-heading" className="h5 mb-0">
            Recent orders
          </h2>
          <Link to="/orders">All orders</Link>
        </div>
        <QueryState
          loading={orderRefs === undefined}
          empty={orders.length === 0}
          loadingText="Loading your orders…"
          emptyText={<span data-testid="recent-orders-empty">No orders yet.</span>}
        >
          <ul className="list-group list-group-flush">
            {orders.map((order) => (
              <li
                key={order.id}
                className="list-group-item px-0 d-flex flex-wrap align-items-center gap-2"
                data-testid="recent-order"
                data-order-id={order.id}
              >
                <OrderStatusBadge status={order.status} />
                <QueueStanding orderId={order.id} />
                <div className="flex-grow-1" style={{ minWidth: 160 }}>
                  <div>{order.items.map((item) => `${item.quantity} × ${item.productName}`).join(", ")}</div>
                  <div className="small text-body-secondary">
                    {formatDateTime(order.createdAt)}
                    {order.reason ? ` · ${order.reason}` : ""}
                  </div>
                </div>
                <div className="fw-semibold">{formatCents(order.totalCents)}</div>
              </li>
            ))}
          </ul>
        </QueryState>
      </div>
    </section>
  );
}

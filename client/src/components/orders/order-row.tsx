import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents, formatDateTime } from "../../lib/format";
import { OrderReason } from "./order-reason";
import { OrderRowActions, type OrderActions } from "./order-row-actions";
import { OrderStatusBadge } from "./order-status-badge";
import { QueueStanding } from "./queue-standings";

/** Everything a row of the orders list shows; the subscription selects the same. */
export const OrderRow_OrderFragmentDoc = graphql(`
  fragment OrderRow_Order on Order {
    id
    status
    totalCents
    priority
    ...OrderReason_Order
    createdAt
    updatedAt
    processedAt
    generated
    customer {
      id
      name
      email
      tier
    }
    items {
      productId
      productName
      quantity
      unitPriceCents
      lineTotalCents
    }
  }
`);

interface OrderRowProps {
  readonly order: FragmentType<typeof OrderRow_OrderFragmentDoc>;
  readonly adminView: boolean;
  readonly actions: OrderActions;
}

/**
 * One order of the list: status, lines, total, times and its actions; for admins also who ordered
 * and the scheduler's priority (an internal figure customers have no use for).
 */
export function OrderRow({ order: orderRef, adminView, actions }: OrderRowProps) {
  const order = useFragment(OrderRow_OrderFragmentDoc, orderRef);
  return (
    <tr data-testid="order-row" data-order-id={order.id}>
      <td data-label="ID">
        <code className="small">{order.id.slice(-8)}</code>
      </td>
      <td data-label="Status">
        <OrderStatusBadge status={order.status} />
        <QueueStanding orderId={order.id} />
        {order.generated && <span className="badge text-bg-secondary ms-1">generated</span>}
        <OrderReason order={order} />
      </td>
      {adminView && (
        <td data-label="Customer">
          {order.customer.name}
          {order.customer.tier === "PREMIUM" ? " ⭐" : ""}
          <div className="small text-body-secondary">{order.customer.email}</div>
        </td>
      )}
      <td data-label="Lines">
        <ul className="list-unstyled mb-0 small">
          {order.items.map((item) => (
            <li key={item.productId}>
              {item.quantity} × {item.productName} @ {formatCents(item.unitPriceCents)}
            </li>
          ))}
        </ul>
      </td>
      <td className="text-end" data-label="Total">
        {formatCents(order.totalCents)}
      </td>
      {adminView && (
        <td className="text-end" data-label="Priority">
          {order.priority.toFixed(1)}
        </td>
      )}
      <td className="small" data-label="Times">
        <div>Placed {formatDateTime(order.createdAt)}</div>
        {order.processedAt && <div className="text-body-secondary">Processed {formatDateTime(order.processedAt)}</div>}
      </td>
      <td data-label="Actions">
        <OrderRowActions orderId={order.id} actions={actions} />
      </td>
    </tr>
  );
}

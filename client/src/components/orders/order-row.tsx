import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents, formatDateTime } from "../../lib/format";
import { OrderReason } from "./order-reason";
import { OrderStatusBadge } from "./order-status-badge";

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

export interface OrderActions {
  readonly canCancel: boolean;
  /** Admins give a reason when cancelling. */
  readonly askReason: boolean;
  readonly canShip: boolean;
  readonly canDeliver: boolean;
  readonly busy: boolean;
  readonly onCancel: (reason: string | undefined) => void;
  readonly onShip: () => void;
  readonly onDeliver: () => void;
}

/**
 * One order of the list: status, lines, total, times and its actions; for admins also who ordered
 * and the scheduler's priority (an internal figure customers have no use for).
 */
export function OrderRow({
  order: orderRef,
  adminView,
  actions,
}: {
  order: FragmentType<typeof OrderRow_OrderFragmentDoc>;
  adminView: boolean;
  actions: OrderActions;
}) {
  const order = useFragment(OrderRow_OrderFragmentDoc, orderRef);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const confirmCancel = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(false);
    actions.onCancel(actions.askReason ? reason.trim() || undefined : undefined);
  };
  return (
    <tr data-testid="order-row" data-order-id={order.id}>
      <td data-label="ID">
        <code className="small">{order.id.slice(-8)}</code>
      </td>
      <td data-label="Status">
        <OrderStatusBadge status={order.status} />
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
        <div className="d-flex flex-wrap gap-1">
          {actions.canCancel && !confirming && (
            <button
              type="button"
              className="btn btn-outline-danger btn-sm"
              disabled={actions.busy}
              onClick={() => setConfirming(true)}
            >
              Cancel
            </button>
          )}
          {actions.canCancel && confirming && (
            <form className="d-flex flex-wrap gap-1" onSubmit={confirmCancel} aria-label={`Cancel order ${order.id}`}>
              {actions.askReason && (
                <>
                  <label className="visually-hidden" htmlFor={`cancel-reason-${order.id}`}>
                    Cancellation reason
                  </label>
                  <input
                    id={`cancel-reason-${order.id}`}
                    className="form-control form-control-sm"
                    placeholder="Reason"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    autoFocus
                  />
                </>
              )}
              <button type="submit" className="btn btn-danger btn-sm">
                Confirm cancel
              </button>
              <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </form>
          )}
          {actions.canShip && (
            <button
              type="button"
              className="btn btn-outline-info btn-sm"
              disabled={actions.busy}
              onClick={actions.onShip}
            >
              Ship
            </button>
          )}
          {actions.canDeliver && (
            <button
              type="button"
              className="btn btn-outline-dark btn-sm"
              disabled={actions.busy}
              onClick={actions.onDeliver}
            >
              Deliver
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

import { TableRegion } from "../common/table-region";
import type { ProfilePageQuery } from "../../gql/graphql";
import { formatCents, formatDateTime } from "../../lib/format";

type Orders = NonNullable<ProfilePageQuery["me"]>["orders"];

/** Orders that took money: cancelled approvals are refunded, rejected and pending ones never paid. */
const SPENT = new Set(["APPROVED", "SHIPPED", "DELIVERED"]);

const BADGE: Record<string, string> = {
  PENDING: "text-bg-warning",
  PROCESSING: "text-bg-info",
  APPROVED: "text-bg-success",
  REJECTED: "text-bg-danger",
  CANCELLED: "text-bg-secondary",
  SHIPPED: "text-bg-primary",
  DELIVERED: "text-bg-dark",
};

/** The viewer's latest orders as a table, with what they spent on them. */
export function SpendingHistory({ orders }: { orders: Orders }) {
  if (orders.nodes.length === 0) {
    return <p className="text-body-secondary">No orders yet.</p>;
  }
  const spent = orders.nodes.filter((order) => SPENT.has(order.status)).reduce((sum, o) => sum + o.totalCents, 0);
  return (
    <TableRegion label="Spending history">
      <table className="table table-sm align-middle table-stack" data-testid="spending-history">
        <caption>
          {orders.totalCount > orders.nodes.length
            ? `Your latest ${orders.nodes.length} of ${orders.totalCount} orders.`
            : `All ${orders.totalCount} of your orders.`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Status</th>
            <th scope="col" className="text-end">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.nodes.map((order) => (
            <tr key={order.id}>
              <td data-label="Order">
                <code>{order.id.slice(-8)}</code>
              </td>
              <td data-label="Placed">{formatDateTime(order.createdAt)}</td>
              <td data-label="Status">
                <span className={`badge ${BADGE[order.status] ?? "text-bg-secondary"}`}>
                  {order.status.toLowerCase()}
                </span>
              </td>
              <td className="text-end" data-label="Total">
                {formatCents(order.totalCents)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Spent on these orders (approved, shipped, delivered)
            </th>
            <td className="text-end fw-semibold" data-testid="spending-total">
              {formatCents(spent)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}

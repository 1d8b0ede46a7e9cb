import type { FragmentType } from "../../gql";
import type { OrderStatus } from "../../gql/graphql";
import { TableRegion } from "../common/table-region";
import { OrderRow, type OrderRow_OrderFragmentDoc } from "./order-row";

/** A listed order: the row's fragment, and beside it the status its actions depend on. */
export type ListedOrder = FragmentType<typeof OrderRow_OrderFragmentDoc> & {
  readonly id: string;
  readonly status: OrderStatus;
};

interface OrdersTableProps {
  readonly orders: readonly ListedOrder[];
  /** Admins see who ordered and the priority, and may ship, deliver and cancel approved orders. */
  readonly isAdmin: boolean;
  /** The order whose action is under way. */
  readonly busyId: string | null;
  readonly onCancel: (id: string, reason: string | undefined) => void;
  readonly onShip: (id: string) => void;
  readonly onDeliver: (id: string) => void;
}

/** The orders list as a table (stacked cards on small screens), each row with what may be done to it. */
export function OrdersTable({ orders, isAdmin, busyId, onCancel, onShip, onDeliver }: OrdersTableProps) {
  return (
    <TableRegion label="Orders">
      <table className="table align-middle table-stack">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Status</th>
            {isAdmin && <th scope="col">Customer</th>}
            <th scope="col">Lines</th>
            <th scope="col" className="text-end">
              Total
            </th>
            {isAdmin && (
              <th scope="col" className="text-end">
                Priority
              </th>
            )}
            <th scope="col">Times</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <OrderRow
              key={order.id}
              order={order}
              adminView={isAdmin}
              actions={{
                canCancel: order.status === "PENDING" || (isAdmin && order.status === "APPROVED"),
                canShip: isAdmin && order.status === "APPROVED",
                canDeliver: isAdmin && order.status === "SHIPPED",
                busy: busyId === order.id,
                askReason: isAdmin,
                onCancel: (reason) => onCancel(order.id, reason),
                onShip: () => onShip(order.id),
                onDeliver: () => onDeliver(order.id),
              }}
            />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

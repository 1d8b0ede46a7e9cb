import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { OrderRow } from "../../components/orders/order-row";
import { ORDER_STATUSES } from "../../components/orders/order-status-badge";
import { useSession } from "../../components/session/session-provider";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { TableRegion } from "../../components/common/table-region";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import type { OrderStatus } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const OrdersPageQuery = graphql(`
  query OrdersPage($filter: OrderFilter, $after: String, $first: Int) {
    orders(filter: $filter, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        status
        customer {
          id
        }
        ...OrderRow_Order
      }
    }
  }
`);

const OrdersPageCustomersQuery = graphql(`
  query OrdersPageCustomers {
    users(first: 100) {
      nodes {
        id
        name
        email
        role
      }
    }
  }
`);

const OrderUpdatedSubscription = graphql(`
  subscription OrderUpdated {
    orderUpdated {
      id
      status
      customer {
        id
      }
      ...OrderRow_Order
    }
  }
`);

const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!, $reason: String) {
    cancelOrder(id: $id, reason: $reason) {
      ...OrderRow_Order
    }
  }
`);

const SetFulfilmentStatusMutation = graphql(`
  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {
    setFulfilmentStatus(id: $id, status: $status) {
      ...OrderRow_Order
    }
  }
`);

const PAGE_SIZE = 20;

/** Orders (own for customers, all for admins), live, filterable, with their actions. */
export function OrdersPage() {
  usePageTitle("Orders");
  const { viewer } = useSession();
  const isAdmin = viewer?.role === "ADMIN";
  const [statuses, setStatuses] = useState<OrderStatus[]>([]);
  const [customerId, setCustomerId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const filter = {
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(isAdmin && customerId ? { customerId } : {}),
  };
  // Outside the rows' fragment, the page selects what it filters on and decides the actions by.
  const matches = (order: { status: OrderStatus; customer: { id: string } }) =>
    (statuses.length === 0 || statuses.includes(order.status)) &&
    (!filter.customerId || order.customer.id === customerId);

  const { data, loading, error, fetchMore, updateQuery } = useQuery(OrdersPageQuery, {
    variables: { filter, first: PAGE_SIZE },
  });
  const customers = useQuery(OrdersPageCustomersQuery, { skip: !isAdmin });

  // Status changes update the normalized cache by id; new orders are prepended when they match.
  useSubscription(OrderUpdatedSubscription, {
    onData: ({ data: event }) => {
      const order = event.data?.orderUpdated;
      if (!order || !matches(order)) return;
      updateQuery((_unsafe, options) => {
        if (!options.complete) return;
        const previous = options.previousData;
        const orders = previous.orders;
        if (orders.nodes.some((node) => node.id === order.id)) return previous;
        return {
          ...previous,
          orders: { ...orders, totalCount: orders.totalCount + 1, nodes: [order, ...orders.nodes] },
        };
      });
    },
  });

  const [cancelOrder] = useMutation(CancelOrderMutation);
  const [setFulfilmentStatus] = useMutation(SetFulfilmentStatusMutation);

  const act = async (id: string, action: () => Promise<unknown>) => {
    setMessage(null);
    setBusyId(id);
    try {
      await action();
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const cancel = (order: { id: string }, reason: string | undefined) =>
    void act(order.id, () => cancelOrder({ variables: { id: order.id, reason } }));

  const { loadingMore, loadMore } = useLoadMore(
    data?.orders.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
    { clearMessage: false },
  );

  const toggleStatus = (status: OrderStatus) =>
    setStatuses((current) => (current.includes(status) ? current.filter((s) => s !== status) : [...current, status]));

  const nodes = (data?.orders.nodes ?? []).filter(matches);
  // Rows that left the filter live (a status changed) leave the count too.
  const count = (data?.orders.totalCount ?? 0) - ((data?.orders.nodes.length ?? 0) - nodes.length);

  return (
    <main className="container py-4">
      <div className="d-flex align-items-center justify-content-between mb-3">
        <h1 className="h3 mb-0">Orders</h1>
        <Link className="btn btn-primary" to="/orders/new">
          Place an order
        </Link>
      </div>
      <form className="card card-body mb-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter orders">
        <fieldset className="mb-2">
          <legend className="form-label fs-6">Status</legend>
          <div className="d-flex flex-wrap gap-3">
            {ORDER_STATUSES.map((status) => (
              <div className="form-check" key={status}>
                <input
                  id={`orders-status-${status}`}
                  type="checkbox"
                  className="form-check-input"
                  checked={statuses.includes(status)}
                  onChange={() => toggleStatus(status)}
                />
                <label className="form-check-label" htmlFor={`orders-status-${status}`}>
                  {status.charAt(0) + status.slice(1).toLowerCase()}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        {isAdmin && (
          <div style={{ maxWidth: 360 }}>
            <label htmlFor="orders-customer" className="form-label">
              Customer
            </label>
            <select
              id="orders-customer"
              className="form-select"
              value={customerId}
              onChange={(e) => setCustomerId(e.target.value)}
              disabled={customers.loading}
            >
              <option value="">All customers</option>
              {(customers.data?.users.nodes ?? [])
                .filter((user) => user.role === "CUSTOMER")
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.email})
                  </option>
                ))}
            </select>
            {customers.error && <div className="form-text text-danger">{errorMessage(customers.error)}</div>}
          </div>
        )}
      </form>
      {message && (
        <div className="alert alert-danger" role="alert">
          {message}
        </div>
      )}
      {error ? (
        <div className="alert alert-danger" role="alert">
          Could not load the orders: {errorMessage(error)}
        </div>
      ) : loading && !data ? (
        <p className="text-body-secondary" role="status">
          Loading orders…
        </p>
      ) : nodes.length === 0 ? (
        <p className="text-body-secondary" data-testid="orders-empty">
          No orders{statuses.length > 0 || customerId ? " match the filter" : " yet"}.
        </p>
      ) : (
        <>
          <p className="small text-body-secondary" data-testid="orders-count">
            {count} order(s)
          </p>
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
                {nodes.map((order) => (
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
                      onCancel: (reason) => cancel(order, reason),
                      onShip: () =>
                        void act(order.id, () =>
                          setFulfilmentStatus({ variables: { id: order.id, status: "SHIPPED" } }),
                        ),
                      onDeliver: () =>
                        void act(order.id, () =>
                          setFulfilmentStatus({ variables: { id: order.id, status: "DELIVERED" } }),
                        ),
                    }}
                  />
                ))}
              </tbody>
            </table>
          </TableRegion>
          {data?.orders.pageInfo.hasNextPage && <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />}
        </>
      )}
    </main>
  );
}

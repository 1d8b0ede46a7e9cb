import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "../../components/common/alert";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { QueryState } from "../../components/common/query-state";
import { OrdersFilter } from "../../components/orders/orders-filter";
import { OrdersTable } from "../../components/orders/orders-table";
import { QueueStandingsProvider } from "../../components/orders/queue-standings";
import { useSession } from "../../components/session/session-provider";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import { useOrderActions } from "../../hooks/use-order-actions";
import { useOrderUpdates } from "../../hooks/use-order-updates";
import { usePageTitle } from "../../hooks/use-page-title";
import { errorMessage } from "../../lib/errors";
import { matchesOrderFilter, toOrderFilter, type OrderFilterChoice } from "../../lib/order-filter";

// Beside the row's fragment, what the page filters on and decides the actions by.
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

const PAGE_SIZE = 20;

/** Orders (own for customers, all for admins), live, filterable, with their actions. */
export function OrdersPage() {
  usePageTitle("Orders");
  const { viewer } = useSession();
  const isAdmin = viewer?.role === "ADMIN";
  const [choice, setChoice] = useState<OrderFilterChoice>({ statuses: [], customerId: "" });
  const [message, setMessage] = useState<string | null>(null);
  const filter = toOrderFilter(choice, isAdmin);

  const { data, loading, error, fetchMore, updateQuery } = useQuery(OrdersPageQuery, {
    variables: { filter, first: PAGE_SIZE },
  });
  useOrderUpdates(filter, updateQuery);
  const { busyId, cancel, ship, deliver } = useOrderActions(setMessage);
  const { loadingMore, loadMore } = useLoadMore(
    data?.orders.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
    { clearMessage: false },
  );

  const nodes = (data?.orders.nodes ?? []).filter((order) => matchesOrderFilter(order, filter));
  // Rows that left the filter live (a status changed) leave the count too.
  const count = (data?.orders.totalCount ?? 0) - ((data?.orders.nodes.length ?? 0) - nodes.length);
  const filtered = choice.statuses.length > 0 || choice.customerId !== "";

  return (
    <main className="container py-4">
      <div className="d-flex align-items-center justify-content-between mb-3">
        <h1 className="h3 mb-0">Orders</h1>
        <Link className="btn btn-primary" to="/orders/new">
          Place an order
        </Link>
      </div>
      <OrdersFilter choice={choice} onChange={setChoice} isAdmin={isAdmin} />
      {message && <Alert kind="danger">{message}</Alert>}
      {error ? (
        <Alert kind="danger">Could not load the orders: {errorMessage(error)}</Alert>
      ) : (
        <QueryState
          loading={loading && !data}
          empty={nodes.length === 0}
          loadingText="Loading orders…"
          emptyText={<span data-testid="orders-empty">No orders{filtered ? " match the filter" : " yet"}.</span>}
        >
          <p className="small text-body-secondary" data-testid="orders-count">
            {count} order(s)
          </p>
          <QueueStandingsProvider enabled={viewer?.role === "CUSTOMER"}>
            <OrdersTable
              orders={nodes}
              isAdmin={isAdmin}
              busyId={busyId}
              onCancel={cancel}
              onShip={ship}
              onDeliver={deliver}
            />
          </QueueStandingsProvider>
          {data?.orders.pageInfo.hasNextPage && <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />}
        </QueryState>
      )}
    </main>
  );
}

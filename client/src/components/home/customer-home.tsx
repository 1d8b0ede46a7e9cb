import { useQuery, useSubscription } from "@apollo/client/react";
import { Link } from "react-router";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";
import { Alert } from "../common/alert";
import { RecentOrders } from "./recent-orders";
import { QueueStandingsProvider } from "../orders/queue-standings";

const RECENT = 5;

const CustomerHomeQuery = graphql(`
  query CustomerHome($first: Int!) {
    me {
      id
      budgetCents
    }
    orders(first: $first) {
      nodes {
        id
        createdAt
        ...RecentOrders_Order
      }
    }
  }
`);

const RecentOrderUpdatedSubscription = graphql(`
  subscription RecentOrderUpdated {
    orderUpdated {
      id
      createdAt
      ...RecentOrders_Order
    }
  }
`);

/** Whether an order not listed belongs among the latest: the list has room, or it is newer than the oldest listed. */
function isRecent(order: { createdAt: string }, listed: readonly { createdAt: string }[]): boolean {
  const oldest = listed.at(-1);
  return listed.length < RECENT || !oldest || Date.parse(order.createdAt) > Date.parse(oldest.createdAt);
}

/** A customer's home: the budget left, the way to order, and the latest orders, live. */
export function CustomerHome() {
  const { data, error, updateQuery } = useQuery(CustomerHomeQuery, {
    variables: { first: RECENT },
    fetchPolicy: "cache-and-network",
  });
  // Status changes update the listed orders by id; a new order (placed in another tab) goes on top,
  // but a change to an order older than the ones listed leaves the list as it is.
  useSubscription(RecentOrderUpdatedSubscription, {
    onData: ({ data: event }) => {
      const order = event.data?.orderUpdated;
      if (!order) return;
      updateQuery((_unsafe, { complete, previousData }) => {
        if (!complete) return;
        const listed = previousData.orders.nodes;
        if (listed.some((node) => node.id === order.id) || !isRecent(order, listed)) return;
        const nodes = [order, ...listed].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
        return { ...previousData, orders: { ...previousData.orders, nodes: nodes.slice(0, RECENT) } };
      });
    },
  });

  if (error && !data) {
    return <Alert kind="danger">Could not load your orders: {errorMessage(error)}</Alert>;
  }
  return (
    <div className="row g-3">
      <div className="col-md-5 col-lg-4 d-flex flex-column gap-3">
        <section className="card" aria-labelledby="budget-heading">
          <div className="card-body">
            <h2 id="budget-heading" className="h6 text-body-secondary">
              Available budget
            </h2>
            <div className="fs-2 fw-semibold" data-testid="home-budget">
              {data?.me ? formatCents(data.me.budgetCents) : "…"}
            </div>
          </div>
        </section>
        <div className="d-grid gap-2">
          <Link className="btn btn-primary btn-lg" to="/products">
            Order from the products
          </Link>
          <Link className="text-center" to="/orders/new">
            Or place an order line by line
          </Link>
        </div>
      </div>
      <div className="col-md-7 col-lg-8">
        <QueueStandingsProvider enabled>
          <RecentOrders orders={data?.orders.nodes} />
        </QueueStandingsProvider>
      </div>
    </div>
  );
}

import { useQuery, useSubscription } from "@apollo/client/react";
import { Link } from "react-router";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";
import { Alert } from "../common/alert";
import { RecentOrders } from "./recent-orders";

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
        ...RecentOrders_Order
      }
    }
  }
`);

const RecentOrderUpdatedSubscription = graphql(`
  subscription RecentOrderUpdated {
    orderUpdated {
      id
      ...RecentOrders_Order
    }
  }
`);

/** A customer's home: the budget left, the way to order, and the latest orders, live. */
export function CustomerHome() {
  const { data, error, updateQuery } = useQuery(CustomerHomeQuery, {
    variables: { first: RECENT },
    fetchPolicy: "cache-and-network",
  });
  // Status changes update the listed orders by id; a new order (placed in another tab) goes on top.
  useSubscription(RecentOrderUpdatedSubscription, {
    onData: ({ data: event }) => {
      const order = event.data?.orderUpdated;
      if (!order) return;
      updateQuery((_unsafe, { complete, previousData }) => {
        if (!complete || previousData.orders.nodes.some((node) => node.id === order.id)) return;
        const nodes = [order, ...previousData.orders.nodes].slice(0, RECENT);
        return { ...previousData, orders: { ...previousData.orders, nodes } };
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
        <RecentOrders orders={data?.orders.nodes} />
      </div>
    </div>
  );
}

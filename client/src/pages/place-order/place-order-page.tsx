import { useQuery, useSubscription } from "@apollo/client/react";
import { Alert } from "../../components/common/alert";
import { QueryState } from "../../components/common/query-state";
import { PlaceOrderForm } from "../../components/orders/place-order-form";
import { useSession } from "../../components/session/session-provider";
import { graphql } from "../../gql";
import { usePageTitle } from "../../hooks/use-page-title";
import { errorMessage } from "../../lib/errors";

const PlaceOrderPageQuery = graphql(`
  query PlaceOrderPage {
    products(first: 100) {
      nodes {
        id
        name
        priceCents
        stock
        deletedAt
      }
    }
  }
`);

// Normalized by id: prices and stock in the form follow these events on their own.
const ProductUpdatedSubscription = graphql(`
  subscription ProductUpdated {
    productUpdated {
      id
      name
      priceCents
      stock
      deletedAt
    }
  }
`);

/** A multi-line order with live prices and stock; admins choose the customer. */
export function PlaceOrderPage() {
  usePageTitle("Place an order");
  const { viewer } = useSession();
  const { data, loading, error } = useQuery(PlaceOrderPageQuery);
  useSubscription(ProductUpdatedSubscription);
  const products = (data?.products.nodes ?? []).filter((product) => !product.deletedAt);

  return (
    <main className="container py-4" style={{ maxWidth: 900 }}>
      <h1 className="h3 mb-3">Place an order</h1>
      {error ? (
        <Alert kind="danger">Could not load the products: {errorMessage(error)}</Alert>
      ) : (
        <QueryState loading={loading && !data} loadingText="Loading products…">
          {products.length === 0 ? (
            <Alert kind="info">There are no products to order yet.</Alert>
          ) : (
            <PlaceOrderForm products={products} isAdmin={viewer?.role === "ADMIN"} />
          )}
        </QueryState>
      )}
    </main>
  );
}

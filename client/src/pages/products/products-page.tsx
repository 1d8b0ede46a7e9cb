import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Basket } from "../../components/basket/basket";
import { Alert } from "../../components/common/alert";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { QueryState } from "../../components/common/query-state";
import { AddProductForm } from "../../components/products/add-product-form";
import { ProductRow } from "../../components/products/product-row";
import { ProductSearch } from "../../components/products/product-search";
import { useSession } from "../../components/session/session-provider";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import { usePageTitle } from "../../hooks/use-page-title";

// `id` and `deletedAt` are read here, outside the row's masked fragment, to keep the list current.
const ProductsPageQuery = graphql(`
  query ProductsPage($search: String, $after: String, $first: Int) {
    products(search: $search, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        deletedAt
        ...ProductRow_Product
      }
    }
  }
`);

// Named apart from the order form's ProductUpdated: operation names are unique in the client.
const ProductCatalogUpdatedSubscription = graphql(`
  subscription ProductCatalogUpdated {
    productUpdated {
      id
      deletedAt
      ...ProductRow_Product
    }
  }
`);

const PAGE_SIZE = 20;

/** Products with price and stock, live; admins add, edit, restock and delete them. */
export function ProductsPage() {
  usePageTitle("Products");
  const { viewer } = useSession();
  const isAdmin = viewer?.role === "ADMIN";
  const [search, setSearch] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  const { data, loading, error, fetchMore, refetch } = useQuery(ProductsPageQuery, {
    variables: { search: search || undefined, first: PAGE_SIZE },
  });
  // The event carries the product's id, so the normalized cache updates the rows in place; a
  // product this page does not list yet (an admin just added it) reloads the first page.
  const listed = new Set((data?.products.nodes ?? []).map((node) => node.id));
  const live = useSubscription(ProductCatalogUpdatedSubscription, {
    onData: ({ data: event }) => {
      const product = event.data?.productUpdated;
      if (product && product.deletedAt == null && !listed.has(product.id)) void refetch();
    },
  });

  const { loadingMore, loadMore } = useLoadMore(
    data?.products.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
  );

  const nodes = (data?.products.nodes ?? []).filter((node) => node.deletedAt == null);

  return (
    <main className="container py-4">
      <div className="d-flex align-items-center justify-content-between mb-3">
        <h1 className="h3 mb-0">Products</h1>
        <span className="small text-body-secondary" role="status">
          {live.error ? "Live updates unavailable" : "Live"}
        </span>
      </div>
      {isAdmin ? <AddProductForm onCreated={() => void refetch()} /> : <Basket />}
      <ProductSearch onSearch={setSearch} />
      {message && <Alert kind="danger">{message}</Alert>}
      <QueryState
        loading={loading && !data}
        error={error}
        empty={nodes.length === 0}
        loadingText="Loading products…"
        emptyText={search ? "No product matches your search." : "No products yet."}
      >
        <p className="small text-body-secondary">
          Showing {nodes.length} of {data?.products.totalCount ?? nodes.length}
        </p>
        <ul className="list-group mb-3" aria-label="Products">
          {nodes.map((product) => (
            <ProductRow key={product.id} product={product} isAdmin={isAdmin} />
          ))}
        </ul>
      </QueryState>
      {data?.products.pageInfo.hasNextPage && <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />}
    </main>
  );
}

import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Basket } from "../../components/basket/basket";
import { ProductRow } from "../../components/products/product-row";
import { parseMoney } from "../../lib/money";
import { useSession } from "../../components/session/session-provider";
import { Alert } from "../../components/common/alert";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { QueryState } from "../../components/common/query-state";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

const ProductsPageQuery = graphql(`
  query ProductsPage($search: String, $after: String, $first: Int) {
    products(search: $search, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...ProductRow_Product
      }
    }
  }
`);

// Named apart from the order form's ProductUpdated: operation names are unique in the client.
const ProductCatalogUpdatedSubscription = graphql(`
  subscription ProductCatalogUpdated {
    productUpdated {
      ...ProductRow_Product
    }
  }
`);

const CreateProductMutation = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
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
  const [searchText, setSearchText] = useState("");
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
      <form
        className="d-flex gap-2 mb-3"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(searchText.trim());
        }}
      >
        <label htmlFor="products-search" className="visually-hidden">
          Search products
        </label>
        <input
          id="products-search"
          type="search"
          className="form-control"
          placeholder="Search products"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <button type="submit" className="btn btn-outline-primary">
          Search
        </button>
      </form>
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

/** The admin's form for a new product; price in money, stock in units. */
function AddProductForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [price, setPrice] = useState("");
  const [stock, setStock] = useState("0");
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [createProduct, { loading }] = useMutation(CreateProductMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const priceCents = parseMoney(price);
    const units = Number(stock);
    if (!name.trim()) return setMessage("Enter a name.");
    if (priceCents === null || priceCents < 0) return setMessage("Enter a price such as 12.50.");
    if (!Number.isInteger(units) || units < 0) return setMessage("Stock must be a whole number of at least 0.");
    setMessage(null);
    try {
      const { data } = await createProduct({
        variables: { input: { name: name.trim(), description, priceCents, stock: units } },
      });
      setCreated(`Added ${data?.createProduct.name ?? "the product"}.`);
      setName("");
      setDescription("");
      setPrice("");
      setStock("0");
      onCreated();
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <details className="card mb-3">
      <summary className="card-header">Add a product</summary>
      <form
        className="card-body row g-2"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label="Add a product"
      >
        <div className="col-md-4">
          <label htmlFor="new-product-name" className="form-label">
            Name
          </label>
          <input
            id="new-product-name"
            className="form-control"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </div>
        <div className="col-md-4">
          <label htmlFor="new-product-description" className="form-label">
            Description
          </label>
          <input
            id="new-product-description"
            className="form-control"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="col-md-2">
          <label htmlFor="new-product-price" className="form-label">
            Price ($)
          </label>
          <input
            id="new-product-price"
            className="form-control"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            required
          />
        </div>
        <div className="col-md-2">
          <label htmlFor="new-product-stock" className="form-label">
            Initial stock
          </label>
          <input
            id="new-product-stock"
            type="number"
            min={0}
            step={1}
            className="form-control"
            value={stock}
            onChange={(e) => setStock(e.target.value)}
          />
        </div>
        {message && (
          <div className="col-12">
            <div className="alert alert-danger mb-0" role="alert">
              {message}
            </div>
          </div>
        )}
        {created && (
          <div className="col-12">
            <div className="alert alert-success mb-0" role="status">
              {created}
            </div>
          </div>
        )}
        <div className="col-12">
          <button type="submit" className="btn btn-primary" disabled={loading}>
            {loading ? "Adding…" : "Add product"}
          </button>
        </div>
      </form>
    </details>
  );
}

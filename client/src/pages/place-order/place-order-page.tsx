import { useQuery, useSubscription } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { OrderCostSummary } from "../../components/orders/order-cost-summary";
import { useSession } from "../../components/session/session-provider";
import { graphql } from "../../gql";
import { useOwnBudget } from "../../hooks/use-own-budget";
import { usePlaceOrder } from "../../hooks/use-place-order";
import { errorMessage } from "../../lib/errors";
import { formatCents } from "../../lib/format";
import { isOverBudget, orderTotal } from "../../lib/order-total";
import { usePageTitle } from "../../hooks/use-page-title";

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

const PlaceOrderCustomersQuery = graphql(`
  query PlaceOrderCustomers {
    users(first: 100) {
      nodes {
        id
        name
        email
        role
        budgetCents
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

interface Line {
  readonly key: number;
  readonly productId: string;
  readonly quantity: string;
}

let nextKey = 1;
const newLine = (): Line => ({ key: nextKey++, productId: "", quantity: "1" });

/** A multi-line order with live prices and stock; admins choose the customer. */
export function PlaceOrderPage() {
  usePageTitle("Place an order");
  const { viewer } = useSession();
  const isAdmin = viewer?.role === "ADMIN";
  const navigate = useNavigate();
  const [lines, setLines] = useState<Line[]>(() => [newLine()]);
  const [customerId, setCustomerId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const { data, loading, error } = useQuery(PlaceOrderPageQuery);
  const customers = useQuery(PlaceOrderCustomersQuery, { skip: !isAdmin });
  const ownBudget = useOwnBudget({ skip: isAdmin });
  useSubscription(ProductUpdatedSubscription);
  const { place, placing } = usePlaceOrder();

  const products = (data?.products.nodes ?? []).filter((product) => !product.deletedAt);
  const productById = new Map(products.map((product) => [product.id, product]));
  const total = orderTotal(
    lines.map((line) => ({
      priceCents: productById.get(line.productId)?.priceCents ?? 0,
      quantity: Number.parseInt(line.quantity, 10),
    })),
  );

  // What the customer can spend: their own budget, or (for an admin) the chosen customer's.
  const budget = isAdmin ? customers.data?.users.nodes.find((user) => user.id === customerId)?.budgetCents : ownBudget;
  const overBudget = isOverBudget(total, budget);

  const update = (key: number, change: Partial<Line>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));

  const problem = (): string | null => {
    if (isAdmin && !customerId) return "Choose the customer.";
    if (lines.length === 0) return "Add at least one line.";
    const seen = new Set<string>();
    for (const [index, line] of lines.entries()) {
      const quantity = Number(line.quantity);
      if (!line.productId) return `Line ${index + 1}: choose a product.`;
      if (seen.has(line.productId)) return `Line ${index + 1}: that product is already on another line.`;
      seen.add(line.productId);
      if (!Number.isInteger(quantity) || quantity < 1)
        return `Line ${index + 1}: the quantity must be a whole number of 1 or more.`;
    }
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = problem();
    setMessage(invalid);
    if (invalid) return;
    try {
      await place(
        lines.map((line) => ({ productId: line.productId, quantity: Number(line.quantity) })),
        isAdmin ? customerId : undefined,
      );
      await navigate("/orders");
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  return (
    <main className="container py-4" style={{ maxWidth: 900 }}>
      <h1 className="h3 mb-3">Place an order</h1>
      {error ? (
        <div className="alert alert-danger" role="alert">
          Could not load the products: {errorMessage(error)}
        </div>
      ) : loading && !data ? (
        <p className="text-body-secondary" role="status">
          Loading products…
        </p>
      ) : products.length === 0 ? (
        <div className="alert alert-info" role="status">
          There are no products to order yet.
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {isAdmin && (
            <div className="mb-3" style={{ maxWidth: 420 }}>
              <label htmlFor="order-customer" className="form-label">
                Customer
              </label>
              <select
                id="order-customer"
                className="form-select"
                value={customerId}
                onChange={(e) => setCustomerId(e.target.value)}
                disabled={customers.loading}
                required
              >
                <option value="">{customers.loading ? "Loading customers…" : "Choose a customer"}</option>
                {(customers.data?.users.nodes ?? [])
                  .filter((user) => user.role === "CUSTOMER")
                  .map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.name} ({user.email}) — budget {formatCents(user.budgetCents)}
                    </option>
                  ))}
              </select>
              {customers.error && <div className="form-text text-danger">{errorMessage(customers.error)}</div>}
            </div>
          )}
          <fieldset>
            <legend className="h5">Lines</legend>
            {lines.map((line, index) => {
              const product = productById.get(line.productId);
              const quantity = Number.parseInt(line.quantity, 10);
              return (
                <div className="row g-2 align-items-end mb-2" key={line.key} data-testid="order-line">
                  <div className="col-md-5">
                    <label htmlFor={`line-product-${line.key}`} className="form-label">
                      Product (line {index + 1})
                    </label>
                    <select
                      id={`line-product-${line.key}`}
                      className="form-select"
                      value={line.productId}
                      onChange={(e) => update(line.key, { productId: e.target.value })}
                    >
                      <option value="">Choose a product</option>
                      {products.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name} — {formatCents(p.priceCents)} ({p.stock} in stock)
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="col-md-2">
                    <label htmlFor={`line-quantity-${line.key}`} className="form-label">
                      Quantity (line {index + 1})
                    </label>
                    <input
                      id={`line-quantity-${line.key}`}
                      type="number"
                      min={1}
                      step={1}
                      className="form-control"
                      value={line.quantity}
                      onChange={(e) => update(line.key, { quantity: e.target.value })}
                    />
                  </div>
                  <div className="col-md-3 small" data-testid="line-summary">
                    {product ? (
                      <>
                        <div>
                          {formatCents(product.priceCents)} each · {product.stock} in stock
                        </div>
                        <div className="fw-semibold">
                          {quantity > 0 ? formatCents(product.priceCents * quantity) : "—"}
                        </div>
                        {quantity > product.stock && (
                          <div className="text-warning-emphasis">More than the current stock: it may be rejected.</div>
                        )}
                      </>
                    ) : (
                      <span className="text-body-secondary">No product chosen</span>
                    )}
                  </div>
                  <div className="col-md-2">
                    <button
                      type="button"
                      className="btn btn-outline-danger w-100"
                      onClick={() => setLines((current) => current.filter((l) => l.key !== line.key))}
                      disabled={lines.length === 1}
                      aria-label={`Remove line ${index + 1}`}
                    >
                      Remove
                    </button>
                  </div>
                </div>
              );
            })}
            <button
              type="button"
              className="btn btn-outline-secondary btn-sm"
              onClick={() => setLines((c) => [...c, newLine()])}
            >
              Add a line
            </button>
          </fieldset>
          <OrderCostSummary total={total} budget={budget} onBehalf={isAdmin} />
          <p className="small text-body-secondary">
            Prices and stock are live; the final price is taken when the order is placed, and the order is approved only
            if stock and budget suffice when it is processed.
          </p>
          {message && (
            <div className="alert alert-danger" role="alert">
              {message}
            </div>
          )}
          <button type="submit" className="btn btn-primary" disabled={placing}>
            {placing ? "Placing…" : overBudget ? "Place order anyway" : "Place order"}
          </button>
        </form>
      )}
    </main>
  );
}

import { useFragment } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { graphql } from "../../gql";
import { useBasket } from "../../hooks/use-basket";
import { useOwnBudget } from "../../hooks/use-own-budget";
import { usePlaceOrder, type PlacedOrder } from "../../hooks/use-place-order";
import { errorMessage } from "../../lib/errors";
import { isOverBudget, orderTotal } from "../../lib/order-total";
import { Alert } from "../common/alert";
import { OrderCostSummary } from "../orders/order-cost-summary";
import { BasketLineRow, type PricedBasketLine } from "./basket-line";

// The catalogue's live product events keep these fields current in the normalized cache.
const BasketProductFragment = graphql(`
  fragment Basket_Product on Product {
    id
    name
    priceCents
    stock
    deletedAt
  }
`);

/** The customer's basket: its lines at live prices, the total against the budget, and "Place order". */
export function Basket() {
  const { lines, setQuantity, remove, clear } = useBasket();
  const budget = useOwnBudget();
  const { place, placing } = usePlaceOrder();
  const [message, setMessage] = useState<string | null>(null);
  const [placed, setPlaced] = useState<PlacedOrder | null>(null);
  const products = useFragment({
    fragment: BasketProductFragment,
    from: lines.map((line) => ({ __typename: "Product", id: line.productId })),
  });

  const priced: PricedBasketLine[] = lines.map((line, index) => {
    const product = products.data[index];
    return {
      ...line,
      name: product?.name ?? line.name,
      priceCents: product?.priceCents ?? line.priceCents,
      stock: product?.stock,
      deleted: product?.deletedAt != null,
    };
  });
  const total = orderTotal(priced);
  const overBudget = isOverBudget(total, budget);
  const deleted = priced.find((line) => line.deleted);

  const submit = async () => {
    if (deleted) return setMessage(`${deleted.name} is no longer sold: remove it from the basket.`);
    setMessage(null);
    try {
      const order = await place(priced.map(({ productId, quantity }) => ({ productId, quantity })));
      clear();
      setPlaced(order);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <section className="card mb-3" aria-labelledby="basket-heading" data-testid="basket">
      <div className="card-body">
        <h2 id="basket-heading" className="h5 card-title">
          Basket{lines.length > 0 ? ` (${lines.length})` : ""}
        </h2>
        {placed && (
          <div className="alert alert-success" role="status" data-testid="basket-placed">
            Order placed ({placed.status.toLowerCase()}).{" "}
            <Link className="alert-link" to="/orders">
              See order {placed.id.slice(-8)} in your orders
            </Link>
          </div>
        )}
        {lines.length === 0 ? (
          <p className="text-body-secondary mb-0" data-testid="basket-empty">
            Your basket is empty: choose a quantity and “Add” below.
          </p>
        ) : (
          <>
            <ul className="list-group list-group-flush mb-2" aria-label="Basket lines">
              {priced.map((line) => (
                <BasketLineRow
                  key={line.productId}
                  line={line}
                  onQuantity={(quantity) => setQuantity(line.productId, quantity)}
                  onRemove={() => remove(line.productId)}
                />
              ))}
            </ul>
            <OrderCostSummary total={total} budget={budget} />
            {message && <Alert kind="danger">{message}</Alert>}
            <button
              type="button"
              className="btn btn-primary"
              disabled={placing}
              onClick={() => {
                setPlaced(null);
                void submit();
              }}
            >
              {placing ? "Placing…" : overBudget ? "Place order anyway" : "Place order"}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

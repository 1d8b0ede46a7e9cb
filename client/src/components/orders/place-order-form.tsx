import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useOrderCustomers } from "../../hooks/use-order-customers";
import { useOrderLines } from "../../hooks/use-order-lines";
import { useOwnBudget } from "../../hooks/use-own-budget";
import { usePlaceOrder } from "../../hooks/use-place-order";
import { errorMessage } from "../../lib/errors";
import { orderFormProblem } from "../../lib/order-lines";
import { isOverBudget, orderTotal } from "../../lib/order-total";
import { Alert } from "../common/alert";
import { OrderCostSummary } from "./order-cost-summary";
import { OrderCustomerSelect } from "./order-customer-select";
import { OrderLineFields, type OrderableProduct } from "./order-line-fields";

interface PlaceOrderFormProps {
  /** What can be ordered, live. */
  readonly products: readonly OrderableProduct[];
  /** Admins order for a customer they choose. */
  readonly isAdmin: boolean;
}

/** A multi-line order with its total against the budget; placed, it leads to the orders list. */
export function PlaceOrderForm({ products, isAdmin }: PlaceOrderFormProps) {
  const navigate = useNavigate();
  const { lines, update, add, remove } = useOrderLines();
  const [customerId, setCustomerId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const customers = useOrderCustomers({ skip: !isAdmin });
  const ownBudget = useOwnBudget({ skip: isAdmin });
  const { place, placing } = usePlaceOrder();

  const priceOf = (productId: string) => products.find((product) => product.id === productId)?.priceCents ?? 0;
  const total = orderTotal(
    lines.map((line) => ({ priceCents: priceOf(line.productId), quantity: Number.parseInt(line.quantity, 10) })),
  );
  // What the customer can spend: their own budget, or (for an admin) the chosen customer's.
  const budget = isAdmin ? customers.customers.find((user) => user.id === customerId)?.budgetCents : ownBudget;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = orderFormProblem(lines, { customerMissing: isAdmin && !customerId });
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
    <form onSubmit={(event) => void submit(event)} noValidate>
      {isAdmin && <OrderCustomerSelect {...customers} value={customerId} onChange={setCustomerId} />}
      <fieldset>
        <legend className="h5">Lines</legend>
        {lines.map((line, index) => (
          <OrderLineFields
            key={line.key}
            line={line}
            index={index}
            products={products}
            onChange={(change) => update(line.key, change)}
            onRemove={() => remove(line.key)}
            removable={lines.length > 1}
          />
        ))}
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={add}>
          Add a line
        </button>
      </fieldset>
      <OrderCostSummary total={total} budget={budget} onBehalf={isAdmin} />
      <p className="small text-body-secondary">
        Prices and stock are live; the final price is taken when the order is placed, and the order is approved only if
        stock and budget suffice when it is processed.
      </p>
      {message && <Alert kind="danger">{message}</Alert>}
      <button type="submit" className="btn btn-primary" disabled={placing}>
        {placing ? "Placing…" : isOverBudget(total, budget) ? "Place order anyway" : "Place order"}
      </button>
    </form>
  );
}

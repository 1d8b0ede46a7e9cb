import { formatCents } from "../../lib/format";
import type { OrderLineDraft } from "../../lib/order-lines";

/** A product the order form offers, with its live price and stock. */
export interface OrderableProduct {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly stock: number;
}

interface OrderLineFieldsProps {
  readonly line: OrderLineDraft;
  /** 0-based; people read it 1-based in the labels. */
  readonly index: number;
  readonly products: readonly OrderableProduct[];
  readonly onChange: (change: Partial<Omit<OrderLineDraft, "key">>) => void;
  readonly onRemove: () => void;
  /** The last line stays. */
  readonly removable: boolean;
}

/** One line of the order form: product, quantity, what it costs, and a warning beyond the stock. */
export function OrderLineFields({ line, index, products, onChange, onRemove, removable }: OrderLineFieldsProps) {
  const product = products.find((p) => p.id === line.productId);
  const quantity = Number.parseInt(line.quantity, 10);
  return (
    <div className="row g-2 align-items-end mb-2" data-testid="order-line">
      <div className="col-md-5">
        <label htmlFor={`line-product-${line.key}`} className="form-label">
          Product (line {index + 1})
        </label>
        <select
          id={`line-product-${line.key}`}
          className="form-select"
          value={line.productId}
          onChange={(e) => onChange({ productId: e.target.value })}
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
          onChange={(e) => onChange({ quantity: e.target.value })}
        />
      </div>
      <div className="col-md-3 small" data-testid="line-summary">
        {product ? (
          <>
            <div>
              {formatCents(product.priceCents)} each · {product.stock} in stock
            </div>
            <div className="fw-semibold">{quantity > 0 ? formatCents(product.priceCents * quantity) : "—"}</div>
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
          onClick={onRemove}
          disabled={!removable}
          aria-label={`Remove line ${index + 1}`}
        >
          Remove
        </button>
      </div>
    </div>
  );
}

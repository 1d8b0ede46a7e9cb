import { useState } from "react";
import { formatCents } from "../../lib/format";

/** A basket line with the product's live name, price and stock where the client knows them. */
export interface PricedBasketLine {
  readonly productId: string;
  readonly name: string;
  readonly priceCents: number;
  readonly quantity: number;
  /** Unknown until the product was loaded in this tab. */
  readonly stock: number | undefined;
  readonly deleted: boolean;
}

interface BasketLineRowProps {
  readonly line: PricedBasketLine;
  readonly onQuantity: (quantity: number) => void;
  readonly onRemove: () => void;
}

/** One line of the basket: its quantity (editable), cost and a remove button. */
export function BasketLineRow({ line, onQuantity, onRemove }: BasketLineRowProps) {
  // A draft, so the field can be cleared and retyped; only whole numbers of 1 or more reach the basket.
  const [draft, setDraft] = useState(String(line.quantity));
  const shown = Number(draft) === line.quantity ? draft : String(line.quantity);
  const id = `basket-${line.productId}-quantity`;
  const valid = (value: number) => Number.isInteger(value) && value >= 1;

  return (
    <li className="list-group-item d-flex flex-wrap align-items-center gap-2" data-testid="basket-line">
      <div className="flex-grow-1" style={{ minWidth: 140 }}>
        <div className="fw-semibold">{line.name}</div>
        <div className="small text-body-secondary">{formatCents(line.priceCents)} each</div>
        {line.deleted ? (
          <div className="small text-danger">No longer sold: remove it to order.</div>
        ) : (
          line.stock !== undefined &&
          line.quantity > line.stock && (
            <div className="small text-warning-emphasis">Only {line.stock} in stock: the order may be rejected.</div>
          )
        )}
      </div>
      <label htmlFor={id} className="visually-hidden">
        Quantity of {line.name} in the basket
      </label>
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        className={`form-control form-control-sm${valid(Number(draft)) ? "" : " is-invalid"}`}
        style={{ width: 80 }}
        value={valid(Number(draft)) ? shown : draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (valid(Number(e.target.value))) onQuantity(Number(e.target.value));
        }}
      />
      <div className="fw-semibold text-end" style={{ minWidth: 90 }} data-testid="basket-line-total">
        {formatCents(line.priceCents * line.quantity)}
      </div>
      <button
        type="button"
        className="btn btn-outline-danger btn-sm"
        onClick={onRemove}
        aria-label={`Remove ${line.name} from the basket`}
      >
        Remove
      </button>
    </li>
  );
}

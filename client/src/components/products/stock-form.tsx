import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorCode, errorMessage } from "../../lib/errors";

export const StockFormFragment = graphql(`
  fragment StockForm_Product on Product {
    id
    name
    stock
  }
`);

const SetStockMutation = graphql(`
  mutation SetStock($productId: ID!, $stock: Int!) {
    setStock(productId: $productId, stock: $stock) {
      id
      stock
      ...ProductRow_Product
    }
  }
`);

interface StockFormProps {
  readonly product: FragmentType<typeof StockFormFragment>;
  readonly onSaved: (stock: number) => void;
  readonly onError: (message: string) => void;
}

/** Sets a product's stock with a slider or a number; shows the saved stock until the draft is saved. */
export function StockForm({ onSaved, onError, ...props }: StockFormProps) {
  const product = useFragment(StockFormFragment, props.product);
  const [stock, setStockValue] = useState(product.stock);
  const [setStock, { loading }] = useMutation(SetStockMutation);
  const max = Math.max(100, product.stock * 2, stock);
  const base = `product-${product.id}-stock`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!Number.isInteger(stock) || stock < 0) return onError("Stock must be a whole number of at least 0.");
    try {
      const { data } = await setStock({ variables: { productId: product.id, stock } });
      if (data) onSaved(data.setStock.stock);
    } catch (error) {
      const code = errorCode(error);
      onError(
        code === "INSUFFICIENT_STOCK"
          ? `Not enough stock: ${errorMessage(error)}`
          : code === "BAD_USER_INPUT"
            ? `Invalid stock: ${errorMessage(error)}`
            : errorMessage(error),
      );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Stock of ${product.name}`}>
      <label htmlFor={`${base}-range`} className="form-label small">
        Stock (slider)
      </label>
      <input
        id={`${base}-range`}
        type="range"
        className="form-range"
        min={0}
        max={max}
        step={1}
        value={stock}
        onChange={(e) => setStockValue(Number(e.target.value))}
      />
      <div className="d-flex gap-2 align-items-end">
        <div>
          <label htmlFor={`${base}-number`} className="form-label small">
            Stock (units)
          </label>
          <input
            id={`${base}-number`}
            type="number"
            className="form-control form-control-sm"
            min={0}
            step={1}
            value={Number.isNaN(stock) ? "" : stock}
            onChange={(e) => setStockValue(e.target.valueAsNumber)}
            style={{ width: 120 }}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={loading}>
          {loading ? "Saving…" : "Save stock"}
        </button>
      </div>
      {stock !== product.stock && (
        <div className="small text-body-secondary mt-1">
          Currently {product.stock}; not saved yet.{" "}
          <button
            type="button"
            className="btn btn-link btn-sm p-0 align-baseline"
            onClick={() => setStockValue(product.stock)}
          >
            Reset
          </button>
        </div>
      )}
    </form>
  );
}

import { useState } from "react";
import { AddToBasket } from "../basket/add-to-basket";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { formatCents } from "../../lib/format";
import { Alert } from "../common/alert";
import { DeleteProductDialog } from "./delete-product-dialog";
import { EditProductForm } from "./edit-product-form";
import { StockForm } from "./stock-form";
import { StockLevel } from "./stock-level";

export const ProductRowFragment = graphql(`
  fragment ProductRow_Product on Product {
    id
    name
    description
    priceCents
    stock
    deletedAt
    updatedAt
    ...AddToBasket_Product
    ...EditProductForm_Product
    ...StockForm_Product
  }
`);

interface ProductRowProps {
  readonly product: FragmentType<typeof ProductRowFragment>;
  readonly isAdmin: boolean;
}

/** One product: price, stock level, and for admins the edit form, stock slider and delete. */
export function ProductRow({ isAdmin, ...props }: ProductRowProps) {
  const product = useFragment(ProductRowFragment, props.product);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const base = `product-${product.id}`;
  const compact = "py-1 px-2 mt-2 mb-0 small";

  return (
    <li className="list-group-item" data-testid="product-row" data-product-id={product.id}>
      <div className="d-flex flex-wrap align-items-center gap-3">
        <div className="flex-grow-1" style={{ minWidth: 200 }}>
          <div className="fw-semibold">{product.name}</div>
          {product.description && <div className="small text-body-secondary">{product.description}</div>}
        </div>
        <div className="fw-semibold" style={{ minWidth: 90 }}>
          {formatCents(product.priceCents)}
        </div>
        <div style={{ width: 220 }}>
          <StockLevel stock={product.stock} />
          <div className="small text-body-secondary" data-testid="product-stock">
            {product.stock} in stock
          </div>
        </div>
        {!isAdmin && <AddToBasket product={product} />}
        {isAdmin && (
          <div className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              aria-expanded={editing}
              aria-controls={`${base}-admin`}
              onClick={() => setEditing((value) => !value)}
            >
              {editing ? "Close" : "Edit"}
            </button>
            <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </div>
        )}
      </div>
      {isAdmin && editing && (
        <div id={`${base}-admin`} className="row g-3 mt-1">
          <div className="col-lg-6">
            <EditProductForm product={product} onDone={() => setEditing(false)} />
          </div>
          <div className="col-lg-6">
            <StockForm
              product={product}
              onSaved={(stock) => {
                setSaved(`Stock saved: ${stock}.`);
                setMessage(null);
              }}
              onError={(text) => {
                setMessage(text);
                setSaved(null);
              }}
            />
            {saved && (
              <Alert kind="success" className={compact}>
                {saved}
              </Alert>
            )}
          </div>
        </div>
      )}
      {message && (
        <Alert kind="danger" className={compact}>
          {message}
        </Alert>
      )}
      {confirming && (
        <DeleteProductDialog
          productId={product.id}
          name={product.name}
          onCancel={() => setConfirming(false)}
          onDeleted={() => setConfirming(false)}
          onError={(text) => {
            setConfirming(false);
            setMessage(text);
          }}
        />
      )}
    </li>
  );
}

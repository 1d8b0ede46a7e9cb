import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { AddToBasket } from "../basket/add-to-basket";
import { graphql } from "../../gql";
import type { ProductRow_ProductFragment } from "../../gql/graphql";
import { errorCode, errorMessage } from "../../lib/errors";
import { StockLevel } from "./stock-level";
import { formatCents } from "../../lib/format";
import { ConfirmDialog } from "../common/confirm-dialog";
import { parseMoney } from "../../lib/money";
import { evictEntity } from "../../apollo/cache";

export const ProductRowFragment = graphql(`
  fragment ProductRow_Product on Product {
    id
    name
    description
    priceCents
    stock
    deletedAt
    updatedAt
  }
`);

const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductRow_Product
    }
  }
`);

const SetStockMutation = graphql(`
  mutation SetStock($productId: ID!, $stock: Int!) {
    setStock(productId: $productId, stock: $stock) {
      ...ProductRow_Product
    }
  }
`);

const DeleteProductMutation = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id)
  }
`);

interface ProductRowProps {
  readonly product: ProductRow_ProductFragment;
  readonly isAdmin: boolean;
}

/** One product: price, stock level, and for admins the edit form, stock slider and delete. */
export function ProductRow({ product, isAdmin }: ProductRowProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const base = `product-${product.id}`;

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
              <div className="alert alert-success py-1 px-2 mt-2 mb-0 small" role="status">
                {saved}
              </div>
            )}
          </div>
        </div>
      )}
      {message && (
        <div className="alert alert-danger py-1 px-2 mt-2 mb-0 small" role="alert">
          {message}
        </div>
      )}
      {confirming && (
        <DeleteProductDialog
          product={product}
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

function DeleteProductDialog({
  product,
  onCancel,
  onDeleted,
  onError,
}: {
  product: ProductRow_ProductFragment;
  onCancel: () => void;
  onDeleted: () => void;
  onError: (message: string) => void;
}) {
  const [deleteProduct, { loading }] = useMutation(DeleteProductMutation);
  const confirm = async () => {
    try {
      await deleteProduct({
        variables: { id: product.id },
        update: (cache) => evictEntity(cache, "Product", product.id),
      });
      onDeleted();
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  return (
    <ConfirmDialog
      title="Delete product"
      confirmLabel="Delete product"
      busy={loading}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
    >
      Delete <strong>{product.name}</strong>? Customers can no longer order it.
    </ConfirmDialog>
  );
}

function EditProductForm({ product, onDone }: { product: ProductRow_ProductFragment; onDone: () => void }) {
  const [name, setName] = useState(product.name);
  const [description, setDescription] = useState(product.description);
  const [price, setPrice] = useState((product.priceCents / 100).toFixed(2));
  const [message, setMessage] = useState<string | null>(null);
  const [updateProduct, { loading }] = useMutation(UpdateProductMutation);
  const base = `product-${product.id}-edit`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const priceCents = parseMoney(price);
    if (!name.trim()) return setMessage("Enter a name.");
    if (priceCents === null || priceCents < 0) return setMessage("Enter a price such as 12.50.");
    setMessage(null);
    try {
      await updateProduct({ variables: { id: product.id, input: { name: name.trim(), description, priceCents } } });
      onDone();
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Edit ${product.name}`}>
      <div className="mb-2">
        <label htmlFor={`${base}-name`} className="form-label small">
          Name
        </label>
        <input
          id={`${base}-name`}
          className="form-control form-control-sm"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </div>
      <div className="mb-2">
        <label htmlFor={`${base}-description`} className="form-label small">
          Description
        </label>
        <textarea
          id={`${base}-description`}
          className="form-control form-control-sm"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="mb-2">
        <label htmlFor={`${base}-price`} className="form-label small">
          Price ($)
        </label>
        <input
          id={`${base}-price`}
          className="form-control form-control-sm"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          required
        />
      </div>
      {message && (
        <div className="alert alert-danger py-1 px-2 small" role="alert">
          {message}
        </div>
      )}
      <button type="submit" className="btn btn-primary btn-sm" disabled={loading}>
        {loading ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

function StockForm({
  product,
  onSaved,
  onError,
}: {
  product: ProductRow_ProductFragment;
  onSaved: (stock: number) => void;
  onError: (message: string) => void;
}) {
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

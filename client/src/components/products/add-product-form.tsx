import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { parseMoney } from "../../lib/money";
import { Alert } from "../common/alert";

const CreateProductMutation = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      id
      name
      ...ProductRow_Product
    }
  }
`);

/** The admin's form for a new product; price in money, stock in units. */
export function AddProductForm({ onCreated }: { onCreated: () => void }) {
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
            <Alert kind="danger" className="mb-0">
              {message}
            </Alert>
          </div>
        )}
        {created && (
          <div className="col-12">
            <Alert kind="success" className="mb-0">
              {created}
            </Alert>
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

import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { parseMoney } from "../../lib/money";
import { Alert } from "../common/alert";

export const EditProductFormFragment = graphql(`
  fragment EditProductForm_Product on Product {
    id
    name
    description
    priceCents
  }
`);

const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductRow_Product
    }
  }
`);

interface EditProductFormProps {
  readonly product: FragmentType<typeof EditProductFormFragment>;
  readonly onDone: () => void;
}

/** The admin's form to rename, describe and price a product; price in money. */
export function EditProductForm({ onDone, ...props }: EditProductFormProps) {
  const product = useFragment(EditProductFormFragment, props.product);
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
        <Alert kind="danger" className="py-1 px-2 small">
          {message}
        </Alert>
      )}
      <button type="submit" className="btn btn-primary btn-sm" disabled={loading}>
        {loading ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

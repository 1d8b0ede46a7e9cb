import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { readProductDraft, type ProductDraftErrors } from "../../lib/product-draft";
import { Alert } from "../common/alert";
import { Field } from "../common/field";

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
  const [errors, setErrors] = useState<ProductDraftErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [updateProduct, { loading }] = useMutation(UpdateProductMutation);
  const base = `product-${product.id}-edit`;
  const field = { className: "mb-2", labelClassName: "form-label small" };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors: refused } = readProductDraft({ name, description, price });
    setErrors(refused);
    setMessage(null);
    if (!input) return;
    try {
      const { name: newName, priceCents } = input;
      await updateProduct({ variables: { id: product.id, input: { name: newName, description, priceCents } } });
      onDone();
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Edit ${product.name}`}>
      <Field id={`${base}-name`} label="Name" error={errors.name} {...field}>
        {(control) => (
          <input
            {...control}
            className="form-control form-control-sm"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        )}
      </Field>
      <Field id={`${base}-description`} label="Description" {...field}>
        {(control) => (
          <textarea
            {...control}
            className="form-control form-control-sm"
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${base}-price`} label="Price ($)" error={errors.price} {...field}>
        {(control) => (
          <input
            {...control}
            className="form-control form-control-sm"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            required
          />
        )}
      </Field>
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

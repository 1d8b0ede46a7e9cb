import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { readProductDraft } from "../../lib/product-draft";
import { useDraftForm } from "../../hooks/use-draft-form";
import { FormOutcome } from "../common/form-outcome";
import { Field } from "../common/field";

const CreateProductMutation = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      id
      name
      ...ProductRow_Product
    }
  }
`);

const EMPTY = { name: "", description: "", price: "", stock: "0" };

/** The admin's form for a new product; price in money, stock in units. */
export function AddProductForm({ onCreated }: { onCreated: () => void }) {
  const [createProduct, { loading }] = useMutation(CreateProductMutation);
  const { draft, edit, errors, message, created, submit } = useDraftForm({
    empty: EMPTY,
    read: readProductDraft,
    save: async (input) => {
      const { data } = await createProduct({ variables: { input } });
      onCreated();
      return `Added ${data?.createProduct.name ?? "the product"}.`;
    },
  });

  return (
    <details className="card mb-3">
      <summary className="card-header">Add a product</summary>
      <form
        className="card-body row g-2"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label="Add a product"
      >
        <Field id="new-product-name" label="Name" error={errors.name} className="col-md-4">
          {(control) => (
            <input {...control} className="form-control" value={draft.name} onChange={edit("name")} required />
          )}
        </Field>
        <Field id="new-product-description" label="Description" className="col-md-4">
          {(control) => (
            <input {...control} className="form-control" value={draft.description} onChange={edit("description")} />
          )}
        </Field>
        <Field id="new-product-price" label="Price ($)" error={errors.price} className="col-md-2">
          {(control) => (
            <input
              {...control}
              className="form-control"
              inputMode="decimal"
              value={draft.price}
              onChange={edit("price")}
              required
            />
          )}
        </Field>
        <Field id="new-product-stock" label="Initial stock" error={errors.stock} className="col-md-2">
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              step={1}
              className="form-control"
              value={draft.stock}
              onChange={edit("stock")}
            />
          )}
        </Field>
        <FormOutcome message={message} created={created} busy={loading} label="Add product" />
      </form>
    </details>
  );
}

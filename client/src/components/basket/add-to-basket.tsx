import { useState, type FormEvent } from "react";
import { graphql, useFragment, type FragmentType } from "../../gql";
import { useBasket } from "../../hooks/use-basket";

export const AddToBasketFragment = graphql(`
  fragment AddToBasket_Product on Product {
    id
    name
    priceCents
    stock
  }
`);

interface AddToBasketProps {
  readonly product: FragmentType<typeof AddToBasketFragment>;
}

/** A quantity and "Add" for one product of the catalogue; refuses more than the stock. */
export function AddToBasket(props: AddToBasketProps) {
  const product = useFragment(AddToBasketFragment, props.product);
  const { lines, add } = useBasket();
  const [draft, setDraft] = useState("1");
  const inBasket = lines.find((line) => line.productId === product.id)?.quantity ?? 0;
  const quantity = Number(draft);
  const base = `product-${product.id}-basket`;
  const problem =
    product.stock === 0 || draft.trim() === ""
      ? null
      : !Number.isInteger(quantity) || quantity < 1
        ? "Enter a whole number of 1 or more."
        : quantity + inBasket > product.stock
          ? `Only ${product.stock} in stock${inBasket > 0 ? `, ${inBasket} already in your basket` : ""}.`
          : null;
  const disabled = product.stock === 0 || draft.trim() === "" || problem !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disabled) return;
    add({ productId: product.id, name: product.name, priceCents: product.priceCents, quantity });
    setDraft("1");
  };

  return (
    // A fixed width, so the rows' columns stay aligned whether or not a product is in the basket.
    <form className="d-flex flex-wrap align-items-start gap-2" style={{ width: 240 }} onSubmit={submit} noValidate>
      <div>
        <label htmlFor={`${base}-quantity`} className="visually-hidden">
          Quantity of {product.name}
        </label>
        <input
          id={`${base}-quantity`}
          type="number"
          min={1}
          max={Math.max(product.stock - inBasket, 1)}
          step={1}
          className={`form-control form-control-sm${problem ? " is-invalid" : ""}`}
          style={{ width: 80 }}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          disabled={product.stock === 0}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${base}-problem` : undefined}
        />
      </div>
      <button
        type="submit"
        className="btn btn-primary btn-sm"
        disabled={disabled}
        aria-label={`Add ${product.name} to the basket`}
      >
        Add
      </button>
      {inBasket > 0 && (
        <span className="small text-body-secondary align-self-center" data-testid="in-basket">
          {inBasket} in basket
        </span>
      )}
      {problem && (
        <div id={`${base}-problem`} className="small text-danger w-100" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}

import { parseMoney } from "./money";

/** A product form's fields as typed; `stock` only where the form has it. */
export interface ProductDraft {
  readonly name: string;
  readonly description: string;
  readonly price: string;
  readonly stock?: string;
}

/** What is wrong with each refused field of a product form, in words for its Field. */
export type ProductDraftErrors = Partial<Record<"name" | "price" | "stock", string>>;

/** The API's input for a draft, or null with the reason for each refused field. */
export function readProductDraft(draft: ProductDraft): {
  readonly input: { name: string; description: string; priceCents: number; stock: number } | null;
  readonly errors: ProductDraftErrors;
} {
  const errors: { -readonly [K in keyof ProductDraftErrors]: ProductDraftErrors[K] } = {};
  const name = draft.name.trim();
  const priceCents = parseMoney(draft.price);
  const stock = Number(draft.stock ?? "0");
  if (!name) errors.name = "Enter a name.";
  if (priceCents === null || priceCents < 0) errors.price = "Enter a price such as 12.50.";
  if (!Number.isInteger(stock) || stock < 0) errors.stock = "Stock must be a whole number of at least 0.";
  if (priceCents === null || Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { name, description: draft.description, priceCents, stock }, errors };
}

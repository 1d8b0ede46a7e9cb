/** A line of the order form as typed: the quantity stays text until the order is placed. */
export interface OrderLineDraft {
  /** Stable across edits and removals, for React. */
  readonly key: number;
  /** "" until a product is chosen. */
  readonly productId: string;
  readonly quantity: string;
}

let nextKey = 1;

/** An empty line: no product yet, quantity 1. */
export function newOrderLine(): OrderLineDraft {
  return { key: nextKey++, productId: "", quantity: "1" };
}

/** What stops the form from being placed, in words; null when it can be placed. */
export function orderFormProblem(lines: readonly OrderLineDraft[], { customerMissing = false } = {}): string | null {
  if (customerMissing) return "Choose the customer.";
  if (lines.length === 0) return "Add at least one line.";
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const quantity = Number(line.quantity);
    if (!line.productId) return `Line ${index + 1}: choose a product.`;
    if (seen.has(line.productId)) return `Line ${index + 1}: that product is already on another line.`;
    seen.add(line.productId);
    if (!Number.isInteger(quantity) || quantity < 1)
      return `Line ${index + 1}: the quantity must be a whole number of 1 or more.`;
  }
  return null;
}

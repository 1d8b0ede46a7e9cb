/** A line as far as its cost goes. */
export interface CostedLine {
  readonly priceCents: number;
  readonly quantity: number;
}

/** The cost of the lines in cents; lines without a positive whole quantity cost nothing (yet). */
export function orderTotal(lines: readonly CostedLine[]): number {
  return lines.reduce(
    (sum, line) => (Number.isInteger(line.quantity) && line.quantity > 0 ? sum + line.priceCents * line.quantity : sum),
    0,
  );
}

/** Whether an order of `total` cents costs more than the known budget (unknown: not over). */
export function isOverBudget(total: number, budget: number | undefined): budget is number {
  return budget !== undefined && total > budget;
}

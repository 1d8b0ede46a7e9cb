/** At or below this many units a product is shown as running low. */
export const LOW_STOCK = 10;

/**
 * How much of a product is left, as a shopper reads it: out of stock, only a few left, or in stock.
 * (A bar scaled to the largest product made 40 units look like none.)
 */
export function StockLevel({ stock }: { stock: number }) {
  const [label, tone] =
    stock === 0
      ? ["Out of stock", "danger"]
      : stock <= LOW_STOCK
        ? [`Only ${stock} left`, "warning"]
        : ["In stock", "success"];
  return (
    <span className={`badge text-bg-${tone}`} data-testid="stock-level">
      {label}
    </span>
  );
}

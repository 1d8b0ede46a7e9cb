import { Types } from "mongoose";
import { parseObjectId } from "../../db/object-id";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";

export const MAX_LINES = 50;
export const MAX_QUANTITY = 1000;

/** A requested line after validation and merging. */
export interface RequestedLine {
  readonly productId: Types.ObjectId;
  readonly quantity: number;
}

/** What pricing needs to know of a product. */
export interface PricedProduct {
  readonly _id: Types.ObjectId;
  readonly name: string;
  readonly priceCents: number;
  readonly deletedAt: Date | null;
}

export interface PricedLine {
  readonly productId: Types.ObjectId;
  readonly productName: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly lineTotalCents: number;
}

/**
 * Checks the requested lines (1 to 50, ids well formed, quantities 1 to 1000) and merges lines of
 * the same product, in productId order (the order processing takes stock in).
 * @throws BadUserInputError naming the offending field.
 */
export function mergeLines(lines: ReadonlyArray<{ productId: string; quantity: number }>): RequestedLine[] {
  if (lines.length < 1 || lines.length > MAX_LINES) {
    throw new BadUserInputError(`An order has 1 to ${MAX_LINES} lines (got ${lines.length}).`, "items");
  }
  const merged = new Map<string, number>();
  lines.forEach((line, i) => {
    const id = parseObjectId(line.productId);
    if (id === null) throw new BadUserInputError(`items[${i}].productId is not a product id.`, `items.${i}.productId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw new BadUserInputError(`items[${i}].quantity must be from 1 to ${MAX_QUANTITY}.`, `items.${i}.quantity`);
    }
    merged.set(id.toHexString(), (merged.get(id.toHexString()) ?? 0) + line.quantity);
  });
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, quantity]) => {
      if (quantity > MAX_QUANTITY) {
        throw new BadUserInputError(
          `At most ${MAX_QUANTITY} units of one product per order (got ${quantity}).`,
          "items",
        );
      }
      return { productId: new Types.ObjectId(id), quantity };
    });
}

/**
 * Prices merged lines at the products' current prices: a snapshot of name and price per line, and
 * the total. @throws NotFoundError for an unknown or deleted product.
 */
export function priceLines(
  lines: readonly RequestedLine[],
  products: readonly PricedProduct[],
): { items: PricedLine[]; totalCents: number } {
  const byId = new Map(products.map((p) => [p._id.toHexString(), p]));
  const items = lines.map((line) => {
    const product = byId.get(line.productId.toHexString());
    if (product === undefined || product.deletedAt !== null)
      throw new NotFoundError("Product", line.productId.toHexString());
    return {
      productId: line.productId,
      productName: product.name,
      unitPriceCents: product.priceCents,
      quantity: line.quantity,
      lineTotalCents: product.priceCents * line.quantity,
    };
  });
  return { items, totalCents: items.reduce((sum, line) => sum + line.lineTotalCents, 0) };
}

/** The lines' identity for idempotency: the same merged lines give the same fingerprint. */
export function fingerprint(lines: readonly RequestedLine[]): string {
  return lines.map((l) => `${l.productId.toHexString()}x${l.quantity}`).join(",");
}

import type { ProductDocument } from "./product.model";

/**
 * A product as the API shows it: a plain object, the root of the GraphQL `Product` and the
 * payload of `productUpdated` events (which cross instances as JSON: dates may arrive as strings,
 * which the DateTime scalar serialises alike).
 */
export interface ProductView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly stock: number;
  readonly ownerId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
}

export function toProductView(doc: ProductDocument): ProductView {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description,
    priceCents: doc.priceCents,
    stock: doc.stock,
    ownerId: doc.ownerId?.toHexString() ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt,
  };
}

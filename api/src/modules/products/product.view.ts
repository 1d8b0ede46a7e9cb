import type { ProductEntity } from "./product.model";

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

/** A `productUpdated` event: the product as it is now. */
export interface ProductUpdatedEvent extends ProductView {
  /** Only orders moved its stock (holds, refunds): its name, price and deletion are as they were. */
  readonly stockOnly?: boolean;
}

/** The fields of a product document the view shows. */
export const PRODUCT_VIEW_FIELDS = [
  "name",
  "description",
  "priceCents",
  "stock",
  "ownerId",
  "createdAt",
  "updatedAt",
  "deletedAt",
] as const satisfies ReadonlyArray<keyof ProductEntity>;

export function toProductView(doc: Pick<ProductEntity, "_id" | (typeof PRODUCT_VIEW_FIELDS)[number]>): ProductView {
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

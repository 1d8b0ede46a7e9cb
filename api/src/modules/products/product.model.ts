import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";

/** Units an order in flight (or committed and not yet settled) has taken out of `stock`. */
@modelOptions({ schemaOptions: { _id: false } })
export class StockHold {
  @prop({ required: true })
  orderId!: Types.ObjectId;

  @prop({ required: true })
  claimId!: string;

  @prop({ required: true })
  quantity!: number;
}

/** An event owed to the product's event effects (ProductEvents), pulled once they are applied. */
@modelOptions({ schemaOptions: { _id: false } })
export class ProductEventEntity {
  /** The event's id (its webhook-id is derived from it). */
  @prop({ required: true })
  eventId!: Types.ObjectId;

  @prop({ required: true, type: String, enum: ["stock_changed", "deleted"] })
  kind!: "stock_changed" | "deleted";

  /** The stock change (0 for a deletion). */
  @prop({ required: true })
  delta!: number;

  @prop({ required: true })
  at!: Date;
}

/**
 * A product as stored. `stock` changes only through conditional atomic updates (DESIGN.md,
 * "holds", version 2): `receivedTotal = stock + Σ uncommitted holds + Σ sold quantities + Σ
 * refunds on their way back`, at every moment.
 */
@modelOptions({ schemaOptions: { collection: "products", timestamps: true }, options: { customName: "Product" } })
// The product list: active products, newest first (test/indexes.test.ts).
@index({ deletedAt: 1, createdAt: -1, _id: -1 })
// Recovery finds the products that hold anything through this index: in-flight work only.
@index({ "holds.claimId": 1 })
// Recovery of owed product events: only products that owe one.
@index({ "pendingEvents.eventId": 1 })
export class ProductEntity {
  _id!: Types.ObjectId;

  @prop({ required: true, trim: true })
  name!: string;

  @prop({ type: String, default: "" })
  description!: string;

  @prop({ required: true })
  priceCents!: number;

  /** Available units. */
  @prop({ required: true, default: 0 })
  stock!: number;

  /** Every unit ever added: initial stock and restocks (negative adjustments subtract). */
  @prop({ required: true, default: 0 })
  receivedTotal!: number;

  @prop({ type: () => [StockHold], default: [] })
  holds!: StockHold[];

  /** Cancelled approved orders whose units came back here (each exactly once). */
  @prop({ type: () => [Types.ObjectId], default: [] })
  refunds!: Types.ObjectId[];

  /** Events whose effects are not all applied yet (normally empty: cleared right after the change). */
  @prop({ type: () => [ProductEventEntity], default: [] })
  pendingEvents!: ProductEventEntity[];

  @prop({ type: Types.ObjectId, default: null })
  ownerId!: Types.ObjectId | null;

  @prop({ type: Date, default: null })
  deletedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ProductDocument = DocumentType<ProductEntity>;
export const ProductModel = getModelForClass(ProductEntity);

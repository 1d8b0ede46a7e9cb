import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";

/** Units an order in flight (or approved and unshipped) has taken out of `stock`. */
@modelOptions({ schemaOptions: { _id: false } })
export class StockHold {
  @prop({ required: true })
  orderId!: Types.ObjectId;

  @prop({ required: true })
  claimId!: string;

  @prop({ required: true })
  quantity!: number;
}

/**
 * A product as stored. `stock` changes only through conditional atomic updates (DESIGN.md,
 * "holds"): `receivedTotal = stock + Σ holds + Σ shipped and delivered quantities` always.
 */
@modelOptions({ schemaOptions: { collection: "products", timestamps: true }, options: { customName: "Product" } })
@index({ deletedAt: 1, createdAt: -1 })
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

  @prop({ type: Types.ObjectId, default: null })
  ownerId!: Types.ObjectId | null;

  @prop({ type: Date, default: null })
  deletedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ProductDocument = DocumentType<ProductEntity>;
export const ProductModel = getModelForClass(ProductEntity);

import { getModelForClass, index, modelOptions, prop, type DocumentType } from "@typegoose/typegoose";
import { Types } from "mongoose";
// users/role.ts, not the users module's index.ts: order events are typed with this model's view,
// and the users module's services import the pub/sub.
import { CustomerTier } from "../users/role";
import { OrderRejectionEntity } from "./order-rejection";
import { OrderStatus } from "./order-status";

/** One line, with the name and price taken when the order was placed. */
@modelOptions({ schemaOptions: { _id: false } })
export class OrderLine {
  @prop({ required: true })
  productId!: Types.ObjectId;

  @prop({ required: true })
  productName!: string;

  @prop({ required: true })
  unitPriceCents!: number;

  @prop({ required: true })
  quantity!: number;

  @prop({ required: true })
  lineTotalCents!: number;
}

/** A worker's claim on a PROCESSING order: valid while `until` lies ahead (the worker renews it). */
@modelOptions({ schemaOptions: { _id: false } })
export class OrderClaim {
  @prop({ required: true })
  claimId!: string;

  /** The process that holds the claim. */
  @prop({ required: true })
  owner!: string;

  @prop({ required: true })
  until!: Date;
}

/**
 * An order as stored. Its status is the commit point of processing (DESIGN.md): every change is a
 * conditional update on the status (and the claim), never a save of a read document.
 */
@modelOptions({ schemaOptions: { collection: "orders", timestamps: true }, options: { customName: "Order" } })
@index({ status: 1, priorityKey: -1, createdAt: 1 })
// The order lists, newest first: all, one customer's, by status (test/indexes.test.ts).
@index({ createdAt: -1, _id: -1 })
@index({ customerId: 1, createdAt: -1, _id: -1 })
@index({ status: 1, createdAt: -1, _id: -1 })
@index({ status: 1, "claim.until": 1 })
@index({ processedAt: -1 })
@index({ processedMinute: 1, outcome: 1 })
@index({ refundPending: 1 })
@index({ pendingLog: 1 })
@index({ customerId: 1, status: 1 })
export class OrderEntity {
  _id!: Types.ObjectId;

  @prop({ required: true })
  customerId!: Types.ObjectId;

  /** The customer's tier when the order was placed (it sets the base priority). */
  @prop({ required: true, enum: CustomerTier, type: String })
  tier!: CustomerTier;

  @prop({ type: () => [OrderLine], required: true })
  items!: OrderLine[];

  @prop({ required: true })
  totalCents!: number;

  @prop({ required: true, enum: OrderStatus, type: String, default: OrderStatus.PENDING })
  status!: OrderStatus;

  /** `base(tier) − aging × createdAt/1000`: the scheduler's static heap key. */
  @prop({ required: true })
  priorityKey!: number;

  /** When the scheduler last took the order (its priority then is `Order.priority` afterwards). */
  @prop({ type: Date, default: null })
  claimedAt!: Date | null;

  @prop({ type: () => OrderClaim, default: null })
  claim!: OrderClaim | null;

  /** The claim whose holds are this APPROVED order's sold units and spent budget. */
  @prop({ type: String, default: null })
  committedClaimId!: string | null;

  /** APPROVED or REJECTED: how processing ended (kept when the order is later cancelled or shipped). */
  @prop({ type: String, enum: [OrderStatus.APPROVED, OrderStatus.REJECTED], default: null })
  outcome!: OrderStatus.APPROVED | OrderStatus.REJECTED | null;

  @prop({ type: String, default: null })
  reason!: string | null;

  /** REJECTED: the reason's code and figures, for programs (null on orders rejected before it existed). */
  @prop({ type: () => OrderRejectionEntity, default: null })
  rejection!: OrderRejectionEntity | null;

  @prop({ type: Date, default: null })
  processedAt!: Date | null;

  /** The minute processing ended in (the dashboard's throughput buckets, without $dateTrunc). */
  @prop({ type: Date, default: null })
  processedMinute!: Date | null;

  /** Not to be claimed before this time (an order sent back to wait for stock or budget). */
  @prop({ type: Date, default: null })
  notBefore!: Date | null;

  /**
   * A cancelled approved order whose units and money are on their way back (DESIGN.md step 6):
   * true until every product and the customer carry its refund marker.
   */
  @prop({ type: Boolean, default: false })
  refundPending!: boolean;

  /** The customer was deleted while this order was not yet approved: it can only end REJECTED. */
  @prop({ type: Boolean, default: false })
  customerDeleted!: boolean;

  /**
   * The ORDER log entries this order's changes still owe ("placed", "decided", "cancelled"): set in
   * the same update as the change, cleared once the entry is written (by the worker or recovery).
   */
  @prop({ type: () => [String], default: [] })
  pendingLog!: string[];

  /** Placed by generateRandomOrders for a load-test account, not by a person. */
  @prop({ type: Boolean, default: false })
  generated!: boolean;

  /** Who cancelled the order, and from which status. */
  @prop({ type: Types.ObjectId, default: null })
  cancelledBy!: Types.ObjectId | null;

  @prop({ type: String, default: null })
  cancelledFrom!: string | null;

  /** When the order was cancelled, shipped, delivered: the minute each event is counted in. */
  @prop({ type: Date, default: null })
  cancelledAt!: Date | null;

  @prop({ type: Date, default: null })
  shippedAt!: Date | null;

  @prop({ type: Date, default: null })
  deliveredAt!: Date | null;

  /** The generateRandomOrders batch the order was inserted with (its "placed" is counted per batch). */
  @prop({ type: Types.ObjectId, default: null })
  batchId!: Types.ObjectId | null;

  /** Milliseconds from placement to APPROVED/REJECTED. */
  @prop({ type: Number, default: null })
  waitMs!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type OrderDocument = DocumentType<OrderEntity>;
export const OrderModel = getModelForClass(OrderEntity);

/** Same customer + same key → the same order (DESIGN.md, "Idempotent placement"). */
@modelOptions({
  schemaOptions: { collection: "order_idempotency_keys", versionKey: false },
  options: { customName: "OrderIdempotencyKey" },
})
export class IdempotencyKeyEntity {
  /** `<customerId>:<key>` */
  @prop({ required: true })
  _id!: string;

  @prop({ required: true })
  orderId!: Types.ObjectId;

  /** The merged lines, so a retry with other lines is told apart. */
  @prop({ required: true })
  fingerprint!: string;
}

export const IdempotencyKeyModel = getModelForClass(IdempotencyKeyEntity);

/**
 * A refund that may be on its way to products and a customer: written before an approved order is
 * cancelled, removed once the order is in a state that can never owe a refund again. A shortfall
 * looks here (a small collection, on every server) rather than through every order for
 * `refundPending`, which the embedded server could only scan, at a cost growing with history.
 */
@modelOptions({
  schemaOptions: { collection: "order_refunds_in_transit", versionKey: false },
  options: { customName: "OrderRefundInTransit" },
})
@index({ productIds: 1 })
@index({ customerId: 1 })
export class RefundInTransitEntity {
  /** The order's id. */
  @prop({ required: true })
  _id!: Types.ObjectId;

  @prop({ type: () => [Types.ObjectId], required: true })
  productIds!: Types.ObjectId[];

  @prop({ required: true })
  customerId!: Types.ObjectId;
}

export const RefundInTransitModel = getModelForClass(RefundInTransitEntity);

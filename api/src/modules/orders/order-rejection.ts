import { modelOptions, prop } from "@typegoose/typegoose";
import { Types } from "mongoose";
import { registerEnumType } from "type-graphql";

/** Why the scheduler rejected an order, for programs (INSUFFICIENT_STOCK as the error code). */
export enum OrderRejectionCode {
  /** A line wanted more units than were available. */
  INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK",
  /** The order cost more than the customer's available budget. */
  INSUFFICIENT_BUDGET = "INSUFFICIENT_BUDGET",
  /** A line's product was deleted before the order was processed. */
  PRODUCT_DELETED = "PRODUCT_DELETED",
  /** The customer's account was deleted before the order was approved. */
  CUSTOMER_DELETED = "CUSTOMER_DELETED",
}
registerEnumType(OrderRejectionCode, {
  name: "OrderRejectionCode",
  description: "Why the scheduler rejected an order.",
});

/**
 * A rejection as stored on the order, beside its text `reason`: the code and the figures that
 * decided it, so clients word and format it themselves. Fields that do not apply are null.
 */
@modelOptions({ schemaOptions: { _id: false } })
export class OrderRejectionEntity {
  @prop({ required: true, enum: OrderRejectionCode, type: String })
  code!: OrderRejectionCode;

  /** The line's product (INSUFFICIENT_STOCK, PRODUCT_DELETED). */
  @prop({ type: Types.ObjectId, default: null })
  productId!: Types.ObjectId | null;

  @prop({ type: String, default: null })
  productName!: string | null;

  /** Units the line wanted and units there were (INSUFFICIENT_STOCK). */
  @prop({ type: Number, default: null })
  requestedQuantity!: number | null;

  @prop({ type: Number, default: null })
  availableQuantity!: number | null;

  /** The order's total and the budget available (INSUFFICIENT_BUDGET). */
  @prop({ type: Number, default: null })
  requiredCents!: number | null;

  @prop({ type: Number, default: null })
  availableCents!: number | null;
}

/** A rejection as the API shows it and as `orderUpdated` events carry it (plain JSON). */
export interface OrderRejectionView {
  readonly code: OrderRejectionCode;
  readonly productId: string | null;
  readonly productName: string | null;
  readonly requestedQuantity: number | null;
  readonly availableQuantity: number | null;
  readonly requiredCents: number | null;
  readonly availableCents: number | null;
}

/** What a rejection is made from: its code and the figures that apply to it. */
export type NewRejection =
  | { readonly code: OrderRejectionCode.CUSTOMER_DELETED }
  | {
      readonly code: OrderRejectionCode.PRODUCT_DELETED;
      readonly productId: Types.ObjectId;
      readonly productName: string;
    }
  | {
      readonly code: OrderRejectionCode.INSUFFICIENT_STOCK;
      readonly productId: Types.ObjectId;
      readonly productName: string;
      readonly requestedQuantity: number;
      readonly availableQuantity: number;
    }
  | {
      readonly code: OrderRejectionCode.INSUFFICIENT_BUDGET;
      readonly requiredCents: number;
      readonly availableCents: number;
    };

/** The rejection to store, every field present (null where it does not apply). */
export function toRejectionEntity(rejection: NewRejection): OrderRejectionEntity {
  return {
    productId: null,
    productName: null,
    requestedQuantity: null,
    availableQuantity: null,
    requiredCents: null,
    availableCents: null,
    ...rejection,
  };
}

/** A rejection's code and whichever figures it has (a new one, or one read back). */
export type RejectionFigures = Pick<OrderRejectionEntity, "code"> &
  Partial<Omit<OrderRejectionEntity, "code" | "productId">>;

const inCents = (cents: number | null | undefined) => `${cents ?? "?"} cents`;

/**
 * A rejection in words. With the default `money` it is the text `reason` orders have always
 * carried; the event log passes formatMoney, for people.
 */
export function rejectionReason(rejection: RejectionFigures, money = inCents): string {
  switch (rejection.code) {
    case OrderRejectionCode.CUSTOMER_DELETED:
      return "The customer's account was deleted.";
    case OrderRejectionCode.PRODUCT_DELETED:
      return `Product "${rejection.productName ?? "?"}" no longer exists.`;
    case OrderRejectionCode.INSUFFICIENT_STOCK:
      return `Not enough stock for "${rejection.productName ?? "?"}": ${rejection.requestedQuantity ?? "?"} wanted, ${rejection.availableQuantity ?? "?"} available.`;
    case OrderRejectionCode.INSUFFICIENT_BUDGET:
      return `Insufficient budget: the order costs ${money(rejection.requiredCents)}, ${money(rejection.availableCents)} are available.`;
  }
}

/** The stored rejection as a plain object (ids as strings). */
export function toRejectionView(entity: OrderRejectionEntity | null | undefined): OrderRejectionView | null {
  if (entity === null || entity === undefined) return null;
  return {
    code: entity.code,
    productId: entity.productId?.toHexString() ?? null,
    productName: entity.productName ?? null,
    requestedQuantity: entity.requestedQuantity ?? null,
    availableQuantity: entity.availableQuantity ?? null,
    requiredCents: entity.requiredCents ?? null,
    availableCents: entity.availableCents ?? null,
  };
}

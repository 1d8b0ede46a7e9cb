import { toRejectionView, type OrderRejectionView } from "./order-rejection";
import type { OrderStatus } from "./order-status";
import type { OrderDocument } from "./order.model";

export interface OrderLineView {
  readonly productId: string;
  readonly productName: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly lineTotalCents: number;
}

/**
 * An order as the API shows it: a plain object, the root of the GraphQL `Order` and the payload
 * of `orderUpdated` events (JSON across instances; dates may arrive as ISO strings).
 */
export interface OrderView {
  readonly id: string;
  readonly customerId: string;
  readonly items: readonly OrderLineView[];
  readonly totalCents: number;
  readonly status: OrderStatus;
  readonly priorityKey: number;
  readonly claimedAt: Date | null;
  readonly reason: string | null;
  readonly rejection: OrderRejectionView | null;
  readonly createdAt: Date;
  readonly processedAt: Date | null;
  readonly updatedAt: Date;
  /** Placed by generateRandomOrders for a load-test account. */
  readonly generated: boolean;
}

export function toOrderView(doc: OrderDocument): OrderView {
  return {
    id: doc._id.toHexString(),
    customerId: doc.customerId.toHexString(),
    items: doc.items.map((line) => ({
      productId: line.productId.toHexString(),
      productName: line.productName,
      unitPriceCents: line.unitPriceCents,
      quantity: line.quantity,
      lineTotalCents: line.lineTotalCents,
    })),
    totalCents: doc.totalCents,
    status: doc.status,
    priorityKey: doc.priorityKey,
    claimedAt: doc.claimedAt,
    reason: doc.reason,
    rejection: toRejectionView(doc.rejection),
    createdAt: doc.createdAt,
    processedAt: doc.processedAt,
    updatedAt: doc.updatedAt,
    generated: doc.generated === true,
  };
}

import { registerEnumType } from "type-graphql";

/**
 * PENDING → PROCESSING → APPROVED or REJECTED (or back to PENDING when stock held by other orders
 * in flight may still free up); PENDING → CANCELLED; APPROVED → CANCELLED (admin: restores stock
 * and refunds); APPROVED → SHIPPED → DELIVERED (admin).
 */
export enum OrderStatus {
  PENDING = "PENDING",
  PROCESSING = "PROCESSING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  CANCELLED = "CANCELLED",
  SHIPPED = "SHIPPED",
  DELIVERED = "DELIVERED",
}
registerEnumType(OrderStatus, { name: "OrderStatus" });

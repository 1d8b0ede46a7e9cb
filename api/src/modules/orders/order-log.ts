import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { formatMoney } from "../../lib/money";
import { LogLevel, LogType, type LogInput } from "../logs";
import { eventTime, type OrderEvent } from "./order-store";
import { rejectionReason } from "./order-rejection";
import { OrderStatus } from "./order-status";
import type { OrderDocument } from "./order.model";

export type { OrderEvent } from "./order-store";

const moneyOrUnknown = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? "?" : formatMoney(cents);

/**
 * The id of the event's entry, the same whoever writes it: the order's creation time (so entries
 * sort sensibly by id) and 8 bytes of a hash of the order and the event. The log's unique `_id`
 * then makes the entry exactly once, through crashes, recovery and slow writes alike.
 */
export function orderLogEntryId(orderId: Types.ObjectId, event: OrderEvent): Types.ObjectId {
  const hash = createHash("sha256").update(`order-log:${orderId.toHexString()}:${event}`).digest();
  const bytes = Buffer.concat([orderId.id.subarray(0, 4), hash.subarray(0, 8)]);
  return new Types.ObjectId(bytes);
}

/** The entry reporting an event of the order. */
export function orderLogEntry(order: OrderDocument, event: OrderEvent, actorId?: string): LogInput {
  const id = order._id.toHexString();
  const base = {
    type: LogType.ORDER,
    // When it happened: the entry may be written later, with other events' or by recovery.
    at: eventTime(order, event),
    orderId: order._id,
    userId: order.customerId,
    ...(actorId === undefined ? {} : { actorId }),
  };
  if (event === "placed") {
    return {
      ...base,
      message: `Order ${id} placed: ${order.items.length} line(s), ${formatMoney(order.totalCents)}`,
      data: { event, totalCents: order.totalCents, lines: order.items.length, tier: order.tier },
    };
  }
  if (event === "cancelled") {
    const refundedCents = order.cancelledFrom === OrderStatus.APPROVED ? order.totalCents : 0;
    return {
      ...base,
      actorId: order.cancelledBy,
      level: LogLevel.WARN,
      message: `Order ${id} cancelled (was ${order.cancelledFrom ?? "?"}): ${order.reason ?? ""}`,
      data: { event, from: order.cancelledFrom, refundedCents },
    };
  }
  if (event === "shipped" || event === "delivered") {
    return { ...base, message: `Order ${id} ${event}`, data: { event } };
  }
  if (order.outcome === OrderStatus.APPROVED) {
    return {
      ...base,
      message: `Order ${id} approved: ${formatMoney(order.totalCents)}`,
      data: { event, totalCents: order.totalCents, tier: order.tier },
    };
  }
  return {
    ...base,
    level: LogLevel.WARN,
    message: `Order ${id} rejected: ${order.rejection ? rejectionReason(order.rejection, moneyOrUnknown) : (order.reason ?? "")}`,
    data: { event, reason: order.reason },
  };
}

import { LogLevel, LogType, type LogInput, type LogService } from "../logs";
import { OrderStatus } from "./order-status";
import { OrderModel, type OrderDocument } from "./order.model";

/** The log entries an order's life writes, each at most once (recovery writes missed ones). */
export type OrderEvent = "placed" | "decided";

/** The entry reporting an event of the order. */
export function orderLogEntry(order: OrderDocument, event: OrderEvent, actorId?: string): LogInput {
  const id = order._id.toHexString();
  const base = {
    type: LogType.ORDER,
    orderId: order._id,
    userId: order.customerId,
    ...(actorId === undefined ? {} : { actorId }),
  };
  if (event === "placed") {
    return {
      ...base,
      message: `Order ${id} placed: ${order.items.length} line(s), ${order.totalCents} cents`,
      data: { event, totalCents: order.totalCents, lines: order.items.length, tier: order.tier },
    };
  }
  if (order.outcome === OrderStatus.APPROVED) {
    return {
      ...base,
      message: `Order ${id} approved: ${order.totalCents} cents`,
      data: { event, totalCents: order.totalCents, tier: order.tier },
    };
  }
  return {
    ...base,
    level: LogLevel.WARN,
    message: `Order ${id} rejected: ${order.reason ?? ""}`,
    data: { event, reason: order.reason },
  };
}

/** Writes the event's entry and marks it written on the order. */
export async function logOrderEvent(
  logs: LogService,
  order: OrderDocument,
  event: OrderEvent,
  actorId?: string,
): Promise<void> {
  await logs.record(orderLogEntry(order, event, actorId));
  await OrderModel.updateOne({ _id: order._id }, { $addToSet: { loggedEvents: event } }).exec();
}

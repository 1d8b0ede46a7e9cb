import type { OrderDocument, OrderEvent, OrderEventEffect } from "../orders";
import type { ProductDocument, ProductEvent, ProductEventEffect } from "../products";
import { WebhookEventType } from "./webhook-event-type";
import type { WebhookEvent, WebhookOutbox } from "./webhook-outbox";

/** The status an order event moved the order to, and the one it left (from the event, not the order now). */
function statusChange(order: OrderDocument, event: Exclude<OrderEvent, "placed">): { status: string; from: string } {
  switch (event) {
    case "decided":
      return { status: order.outcome ?? "REJECTED", from: "PROCESSING" };
    case "cancelled":
      return { status: "CANCELLED", from: order.cancelledFrom ?? "PENDING" };
    case "shipped":
      return { status: "SHIPPED", from: "APPROVED" };
    case "delivered":
      return { status: "DELIVERED", from: "SHIPPED" };
  }
}

/**
 * The webhook event of an order event: `order.placed`, or `order.status_changed` for a decision,
 * cancellation, shipment or delivery. Its id is derived from the order and the event, so every
 * re-application names the same message.
 */
export function orderWebhookEvent(order: OrderDocument, event: OrderEvent): WebhookEvent {
  const id = `msg_${order._id.toHexString()}_${event}`;
  const data = {
    orderId: order._id.toHexString(),
    customerId: order.customerId.toHexString(),
    totalCents: order.totalCents,
    items: order.items.map((line) => ({
      productId: line.productId.toHexString(),
      productName: line.productName,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
    })),
    createdAt: order.createdAt.toISOString(),
  };
  if (event === "placed") return { id, type: WebhookEventType.ORDER_PLACED, data: { ...data, status: "PENDING" } };
  const { status, from } = statusChange(order, event);
  const reason = status === "REJECTED" || status === "CANCELLED" ? order.reason : null;
  return {
    id,
    type: WebhookEventType.ORDER_STATUS_CHANGED,
    data: { ...data, status, previousStatus: from, reason },
  };
}

/** The webhook event of a product event: `product.stock_changed` or `product.deleted`. */
export function productWebhookEvent(product: ProductDocument, event: ProductEvent): WebhookEvent {
  const base = { productId: product._id.toHexString(), name: product.name, at: event.at.toISOString() };
  const id = `msg_${event.eventId.toHexString()}`;
  if (event.kind === "deleted") return { id, type: WebhookEventType.PRODUCT_DELETED, data: base };
  return {
    id,
    type: WebhookEventType.PRODUCT_STOCK_CHANGED,
    data: { ...base, delta: event.delta, stock: product.stock },
  };
}

/** The order event effect that enqueues the event's deliveries (one query when no endpoint wants it). */
export function orderDeliveriesEffect(outbox: WebhookOutbox): OrderEventEffect {
  return {
    name: "webhook deliveries",
    apply: async (order, event) => {
      await outbox.enqueue(orderWebhookEvent(order, event));
      return true;
    },
  };
}

/** The product event effect that enqueues the event's deliveries. */
export function productDeliveriesEffect(outbox: WebhookOutbox): ProductEventEffect {
  return {
    name: "webhook deliveries",
    apply: async (product, event) => {
      await outbox.enqueue(productWebhookEvent(product, event));
      return true;
    },
  };
}

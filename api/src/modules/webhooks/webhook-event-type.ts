import { registerEnumType } from "type-graphql";

/** What a webhook endpoint can subscribe to; the value is the event's `type` in the payload. */
export enum WebhookEventType {
  ORDER_PLACED = "order.placed",
  ORDER_STATUS_CHANGED = "order.status_changed",
  PRODUCT_STOCK_CHANGED = "product.stock_changed",
  PRODUCT_DELETED = "product.deleted",
}
registerEnumType(WebhookEventType, {
  name: "WebhookEventType",
  description: "An event a webhook endpoint can subscribe to (payload `type`: order.placed, order.status_changed, …).",
});

/** The status of one delivery of one event to one endpoint. */
export enum WebhookDeliveryStatus {
  /** Not yet delivered: waiting for its first attempt or a retry (or in flight). */
  PENDING = "PENDING",
  /** The endpoint answered 2xx. */
  SUCCEEDED = "SUCCEEDED",
  /** Every attempt failed, or the endpoint was disabled or deleted first. */
  FAILED = "FAILED",
}
registerEnumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus" });

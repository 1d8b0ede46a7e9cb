import type { WebhookEventType } from "../../gql/graphql";

/**
 * Every event an endpoint can subscribe to, with its payload `type`. Keyed by the schema's enum, so
 * an event added to the API fails the type check until it is listed here.
 */
export const WEBHOOK_EVENTS = {
  ORDER_PLACED: "order.placed",
  ORDER_STATUS_CHANGED: "order.status_changed",
  PRODUCT_STOCK_CHANGED: "product.stock_changed",
  PRODUCT_DELETED: "product.deleted",
} as const satisfies Record<WebhookEventType, string>;

/** The events in the order the forms list them. */
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

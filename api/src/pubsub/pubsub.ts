import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
// The payload types only, from the files that define them (a module's index.ts would lead back
// here through its resolvers).
import type { Dashboard } from "../modules/dashboard/dashboard.type";
import type { OrderView } from "../modules/orders/order.view";
import type { ProductUpdatedEvent } from "../modules/products/product.view";
import { createPubSub, type PubSub, type Transport } from "./typed-pubsub";

export { startWith } from "./typed-pubsub";

/** Every pub/sub topic. Payloads are plain JSON objects, so they can cross instances via Redis. */
export enum Topic {
  /** A user's tokens were revoked (logout, password change or reset, deletion). */
  SESSION_REVOKED = "SESSION_REVOKED",
  /** An API token was revoked: every instance forgets it and closes its sockets. */
  API_TOKEN_REVOKED = "API_TOKEN_REVOKED",
  /** A webhook endpoint was registered, changed, disabled or deleted: every instance reads them again. */
  WEBHOOKS_CHANGED = "WEBHOOKS_CHANGED",
  /** A user's account changed as they see it: budget, total spent, tier, name or 2FA state. */
  USER_UPDATED = "USER_UPDATED",
  LOG_ADDED = "LOG_ADDED",
  /** A product's stock, price, name or description changed, or it was deleted. */
  PRODUCT_UPDATED = "PRODUCT_UPDATED",
  /** An order changed status. */
  ORDER_UPDATED = "ORDER_UPDATED",
  /** New PENDING orders to queue, on every instance. */
  ORDERS_QUEUED = "ORDERS_QUEUED",
  /** Fresh dashboard figures; local to each instance, which computes its own at most once a second. */
  DASHBOARD_UPDATED = "DASHBOARD_UPDATED",
}

/** Topics that never leave the process (each instance publishes its own). */
const LOCAL_TOPICS: readonly Topic[] = [Topic.DASHBOARD_UPDATED];

export interface SessionRevokedEvent {
  readonly userId: string;
}

export interface ApiTokenRevokedEvent {
  readonly tokenId: string;
}

/** Nothing but the fact: each instance reads the enabled endpoints again. */
export type WebhooksChangedEvent = Record<string, never>;

/** Only the id: each subscriber reads the account fresh, so no event can show a stale one. */
export interface UserUpdatedEvent {
  readonly userId: string;
  /** Only the budget or total spent moved (by orders): nothing else of the account changed. */
  readonly moneyOnly?: boolean;
}

/** A log entry as published: ids as strings, times as ISO strings. */
export interface LogAddedEvent {
  readonly id: string;
  readonly at: string;
  readonly type: string;
  readonly level: string;
  readonly message: string;
  readonly actorId: string | null;
  readonly orderId: string | null;
  readonly productId: string | null;
  readonly userId: string | null;
  readonly data: Record<string, unknown> | null;
}

/** Entries for the schedulers' queues (see scheduler/priority-queue.ts). */
export interface OrdersQueuedEvent {
  readonly entries: ReadonlyArray<{ readonly id: string; readonly key: number; readonly createdAt: number }>;
}

/**
 * The payload of each topic. Product, order and dashboard events carry the object the API shows
 * (a plain object: JSON across instances, where dates arrive as ISO strings, which the DateTime
 * scalar serialises alike).
 */
export type AppPubSubEvents = {
  [Topic.SESSION_REVOKED]: SessionRevokedEvent;
  [Topic.API_TOKEN_REVOKED]: ApiTokenRevokedEvent;
  [Topic.WEBHOOKS_CHANGED]: WebhooksChangedEvent;
  [Topic.USER_UPDATED]: UserUpdatedEvent;
  [Topic.LOG_ADDED]: LogAddedEvent;
  [Topic.PRODUCT_UPDATED]: ProductUpdatedEvent;
  [Topic.ORDER_UPDATED]: OrderView;
  [Topic.ORDERS_QUEUED]: OrdersQueuedEvent;
  [Topic.DASHBOARD_UPDATED]: Dashboard;
};

/** The process's publish/subscribe of events, across instances for the shared topics. */
export type AppPubSub = PubSub<AppPubSubEvents>;

/**
 * The process's pub/sub: `shared` carries events between instances (an in-process EventTarget
 * for one instance), while the local topics stay in this process.
 */
export function createAppPubSub(shared?: Transport): AppPubSub {
  return createPubSub<AppPubSubEvents>({ shared, localTopics: LOCAL_TOPICS });
}

/** A pub/sub whose shared topics travel through Redis, and the means to close its connections. */
export interface RedisPubSub {
  readonly pubSub: AppPubSub;
  close(): Promise<void>;
}

/**
 * The pub/sub of an instance among several: shared topics go through Redis (one connection to
 * publish, one to subscribe), so subscribers on any instance see events from every instance.
 * Payloads are plain JSON objects.
 */
export async function createRedisPubSub(redisUrl: string): Promise<RedisPubSub> {
  const options = { lazyConnect: true, maxRetriesPerRequest: null };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createAppPubSub(eventTarget),
    async close() {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

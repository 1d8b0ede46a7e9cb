import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "@graphql-yoga/subscription";
import { Redis } from "ioredis";

/** Every pub/sub topic. Payloads are plain JSON objects, so they can cross instances via Redis. */
export enum Topic {
  /** A user's tokens were revoked (logout, password change or reset, deletion). */
  SESSION_REVOKED = "SESSION_REVOKED",
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
const LOCAL_TOPICS: ReadonlySet<Topic> = new Set([Topic.DASHBOARD_UPDATED]);

export interface SessionRevokedEvent {
  readonly userId: string;
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
 * Product and order events carry the whole view object (see product.view.ts, order.view.ts);
 * typed loosely here so that this infrastructure imports no feature module.
 */
export type ViewEvent = Readonly<Record<string, unknown>> & { readonly id: string };

export type AppPubSubEvents = {
  [Topic.SESSION_REVOKED]: [SessionRevokedEvent];
  [Topic.LOG_ADDED]: [LogAddedEvent];
  [Topic.PRODUCT_UPDATED]: [ViewEvent];
  [Topic.ORDER_UPDATED]: [ViewEvent];
  [Topic.ORDERS_QUEUED]: [OrdersQueuedEvent];
  [Topic.DASHBOARD_UPDATED]: [Readonly<Record<string, unknown>>];
};

export type AppPubSub = PubSub<AppPubSubEvents> & {
  /** How many subscriptions to a local topic are open in this process. */
  localSubscribers(topic: Topic): number;
};

type Subscribe = (topic: string, id?: string) => AsyncIterable<unknown>;

/** `iterable`, counting its open iterators in `open` under `topic`. */
function counted<T>(iterable: AsyncIterable<T>, topic: string, open: Map<string, number>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const source = iterable[Symbol.asyncIterator]();
      open.set(topic, (open.get(topic) ?? 0) + 1);
      let counting = true;
      const release = () => {
        if (counting) open.set(topic, (open.get(topic) ?? 1) - 1);
        counting = false;
      };
      return {
        next: async () => {
          const next = await source.next();
          if (next.done === true) release();
          return next;
        },
        return: async (value?: unknown) => {
          release();
          return (await source.return?.(value)) ?? { done: true, value: undefined };
        },
        throw: async (error?: unknown) => {
          release();
          if (source.throw !== undefined) return source.throw(error);
          throw error;
        },
      };
    },
  };
}

/**
 * The process's pub/sub: `shared` carries events between instances (in memory for one instance),
 * while the local topics stay in this process.
 */
export function createAppPubSub(shared: PubSub<AppPubSubEvents> = createPubSub<AppPubSubEvents>()): AppPubSub {
  const local = createPubSub<AppPubSubEvents>();
  const open = new Map<string, number>();
  const isLocal = (topic: string) => LOCAL_TOPICS.has(topic as Topic);
  return {
    publish: (topic: string, ...args: unknown[]) =>
      ((isLocal(topic) ? local : shared).publish as (t: string, ...a: unknown[]) => void)(topic, ...args),
    subscribe: ((topic: string, id?: string) => {
      const target = (isLocal(topic) ? local : shared) as unknown as { subscribe: Subscribe };
      return isLocal(topic) ? counted(target.subscribe(topic, id), topic, open) : target.subscribe(topic, id);
    }) as unknown as AppPubSub["subscribe"],
    localSubscribers: (topic) => open.get(topic) ?? 0,
  };
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
    pubSub: createAppPubSub(createPubSub<AppPubSubEvents>({ eventTarget })),
    async close() {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
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

/** The payload of each topic. */
export type AppPubSubEvents = {
  [Topic.SESSION_REVOKED]: SessionRevokedEvent;
  [Topic.LOG_ADDED]: LogAddedEvent;
  [Topic.PRODUCT_UPDATED]: ViewEvent;
  [Topic.ORDER_UPDATED]: ViewEvent;
  [Topic.ORDERS_QUEUED]: OrdersQueuedEvent;
  [Topic.DASHBOARD_UPDATED]: Readonly<Record<string, unknown>>;
};

/** Events a subscriber has not taken yet, at the most; a subscriber this far behind is ended. */
export const MAX_QUEUED_EVENTS = 10_000;

/** The process's publish/subscribe of events, across instances for the shared topics. */
export interface AppPubSub {
  publish<K extends Topic>(topic: K, payload: AppPubSubEvents[K]): void;
  /**
   * The events of `topic` from now on, those `accept` takes only (it runs as each event arrives,
   * so a refused event costs no queueing). Ends on `return()`.
   */
  subscribe<K extends Topic>(
    topic: K,
    accept?: (payload: AppPubSubEvents[K]) => boolean,
  ): AsyncIterableIterator<AppPubSubEvents[K]>;
  /** How many subscriptions to a local topic are open in this process. */
  localSubscribers(topic: Topic): number;
}

/** Where events travel: an EventTarget in this process, or Redis (createRedisEventTarget). */
type Transport = Pick<EventTarget, "addEventListener" | "removeEventListener" | "dispatchEvent">;

class SubscriberTooSlowError extends Error {}

/**
 * One subscription: a listener on `transport` that queues the accepted events, and an async
 * iterator over them. A promise is made only when the consumer waits for an event. (It replaced
 * two chained Repeaters per subscriber: @graphql-yoga/subscription's and type-graphql's filter;
 * see the README's performance section.)
 */
function listen<T>(
  transport: Transport,
  topic: string,
  accept: ((payload: T) => boolean) | undefined,
  onEnd: () => void,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let head = 0;
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let failure: Error | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    transport.removeEventListener(topic, listener);
    queue.length = 0;
    head = 0;
    onEnd();
  };
  const listener = (event: Event) => {
    const payload = (event as CustomEvent<T>).detail;
    if (accept !== undefined && !accept(payload)) return;
    if (waiting !== undefined) {
      const wake = waiting;
      waiting = undefined;
      wake({ done: false, value: payload });
      return;
    }
    if (queue.length - head >= MAX_QUEUED_EVENTS) {
      failure = new SubscriberTooSlowError(`more than ${MAX_QUEUED_EVENTS} events waited for this subscriber`);
      end();
      return;
    }
    queue.push(payload);
  };
  transport.addEventListener(topic, listener);

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (head < queue.length) {
        const value = queue[head];
        head += 1;
        if (head === queue.length) {
          queue.length = 0;
          head = 0;
        }
        return Promise.resolve({ done: false, value });
      }
      if (failure !== undefined) return Promise.reject(failure);
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      end();
      waiting?.({ done: true, value: undefined });
      waiting = undefined;
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown) {
      end();
      waiting?.({ done: true, value: undefined });
      waiting = undefined;
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The process's pub/sub: `shared` carries events between instances (an in-process EventTarget
 * for one instance), while the local topics stay in this process.
 */
export function createAppPubSub(shared: Transport = new EventTarget()): AppPubSub {
  const local = new EventTarget();
  const open = new Map<string, number>();
  const isLocal = (topic: string) => LOCAL_TOPICS.has(topic as Topic);
  const transport = (topic: string) => (isLocal(topic) ? local : shared);
  return {
    publish(topic, payload) {
      transport(topic).dispatchEvent(new CustomEvent(topic, { detail: payload }));
    },
    subscribe<K extends Topic>(topic: K, accept?: (payload: AppPubSubEvents[K]) => boolean) {
      if (!isLocal(topic)) return listen(shared, topic, accept, () => undefined);
      open.set(topic, (open.get(topic) ?? 0) + 1);
      return listen(local, topic, accept, () => open.set(topic, (open.get(topic) ?? 1) - 1));
    },
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
    pubSub: createAppPubSub(eventTarget),
    async close() {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

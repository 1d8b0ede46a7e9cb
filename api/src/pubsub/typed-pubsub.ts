/** Events a subscriber has not taken yet, at the most; a subscriber this far behind is ended. */
export const MAX_QUEUED_EVENTS = 10_000;

/** The topics of an events map (which maps each topic to the payload of its events). */
export type TopicOf<Events extends object> = keyof Events & string;

/**
 * A publish/subscribe of events, typed by `Events`: a map from each topic to its payload. Events
 * of the shared topics cross instances when the transport does; the local topics never leave the
 * process.
 */
export interface PubSub<Events extends object> {
  publish<K extends TopicOf<Events>>(topic: K, payload: Events[K]): void;
  /**
   * The events of `topic` from now on, those `accept` takes only (it runs as each event arrives,
   * so a refused event costs no queueing). Ends on `return()`.
   */
  subscribe<K extends TopicOf<Events>>(
    topic: K,
    accept?: (payload: Events[K]) => boolean,
  ): AsyncIterableIterator<Events[K]>;
  /** How many subscriptions to a local topic are open in this process. */
  localSubscribers(topic: TopicOf<Events>): number;
}

/** Where events travel: an EventTarget in this process, or Redis (createRedisEventTarget). */
export type Transport = Pick<EventTarget, "addEventListener" | "removeEventListener" | "dispatchEvent">;

class SubscriberTooSlowError extends Error {}

/**
 * One subscription: a listener on `transport` that queues the accepted events, and an async
 * iterator over them. A promise is made only when the consumer waits for an event. (It replaced
 * two chained Repeaters per subscriber: @graphql-yoga/subscription's and type-graphql's filter;
 * see docs/performance.md.)
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

/** Options of {@link createPubSub}. */
export interface PubSubOptions<Events extends object> {
  /**
   * Carries the shared topics' events, between instances when it is Redis (createRedisEventTarget).
   * @default an EventTarget in this process
   */
  readonly shared?: Transport | undefined;
  /** Topics whose events never leave the process (each instance publishes its own). @default none */
  readonly localTopics?: Iterable<TopicOf<Events>>;
}

/**
 * A pub/sub over the events map `Events`: `shared` carries events between instances (an
 * in-process EventTarget for one instance), while the local topics stay in this process.
 * Payloads are plain JSON objects, so they can cross instances.
 */
export function createPubSub<Events extends object>(options: PubSubOptions<Events> = {}): PubSub<Events> {
  const shared = options.shared ?? new EventTarget();
  const localTopics: ReadonlySet<string> = new Set(options.localTopics ?? []);
  const local = new EventTarget();
  const open = new Map<string, number>();
  const transport = (topic: string) => (localTopics.has(topic) ? local : shared);
  return {
    publish(topic, payload) {
      transport(topic).dispatchEvent(new CustomEvent(topic, { detail: payload }));
    },
    subscribe<K extends TopicOf<Events>>(topic: K, accept?: (payload: Events[K]) => boolean) {
      if (!localTopics.has(topic)) return listen(shared, topic, accept, () => undefined);
      open.set(topic, (open.get(topic) ?? 0) + 1);
      return listen(local, topic, accept, () => open.set(topic, (open.get(topic) ?? 1) - 1));
    },
    localSubscribers: (topic) => open.get(topic) ?? 0,
  };
}

/**
 * `first`, then the events of `rest`: a subscriber starts from the current state, which also
 * covers whatever it missed while its socket was away. Ending it ends `rest`, taken from or not.
 */
export function startWith<T>(first: T, rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  let firstTaken = false;
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (firstTaken) return rest.next();
      firstTaken = true;
      return Promise.resolve({ done: false, value: first });
    },
    return() {
      firstTaken = true;
      return rest.return?.() ?? Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown) {
      firstTaken = true;
      return rest.throw?.(error) ?? Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

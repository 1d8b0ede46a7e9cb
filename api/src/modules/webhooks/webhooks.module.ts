import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import type { LogService } from "../logs";
import type { OrderService } from "../orders";
import type { ProductService } from "../products";
import { DeliveryWorker } from "./delivery-worker";
import { EndpointDirectory } from "./endpoint-directory";
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from "./retry-schedule";
import { orderDeliveriesEffect, productDeliveriesEffect } from "./webhook-events";
import { WebhookOutbox } from "./webhook-outbox";
import { WebhookResolver } from "./webhook.resolver";
import { WebhookService } from "./webhook.service";

/** The delivery runtime's switches (faster retries and polling in tests and the benchmark). */
export interface WebhookRuntimeOptions {
  /** Off: deliveries are enqueued but not sent (tests of the outbox). @default true */
  readonly deliver?: boolean;
  /** @default 1000 */
  readonly pollMs?: number;
  /** @default DEFAULT_RETRY_SCHEDULE (about a day) */
  readonly retry?: Partial<RetrySchedule>;
  /** @default 5 */
  readonly disableAfter?: number;
  /** @default 8 */
  readonly concurrency?: number;
}

export interface WebhooksModuleOptions {
  /** WEBHOOK_ALLOW_PRIVATE */
  readonly allowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS */
  readonly timeoutMs: number;
  readonly runtime?: WebhookRuntimeOptions | undefined;
}

/** The webhooks module: its service and resolver, and its runtime (the delivery worker). */
export interface WebhooksModule {
  readonly service: WebhookService;
  readonly resolver: WebhookResolver;
  start(): void;
  /** Stops claiming and waits for the attempts in flight. */
  stop(): Promise<void>;
}

/**
 * Builds the webhooks module: every order event and product event enqueues its deliveries in the
 * durable outbox (as effects, so they are owed until enqueued), and the worker sends them.
 */
export function createWebhooksModule(
  deps: {
    orders: OrderService;
    products: ProductService;
    logs: LogService;
    pubSub: AppPubSub;
    clock: Clock;
    logger: Logger;
  },
  options: WebhooksModuleOptions,
): WebhooksModule {
  const { clock, logs, logger, pubSub } = deps;
  const runtime = options.runtime ?? {};
  // The enabled endpoints, kept by each instance until one of them announces a change.
  const endpoints = new EndpointDirectory(() => clock.now().getTime());
  const announceChange = () => {
    endpoints.changed();
    pubSub.publish(Topic.WEBHOOKS_CHANGED, {});
  };
  const changes = pubSub.subscribe(Topic.WEBHOOKS_CHANGED, () => {
    endpoints.changed();
    return false;
  });
  const worker = new DeliveryWorker(
    { clock, logs, logger, onEndpointsChanged: announceChange },
    {
      timeoutMs: options.timeoutMs,
      allowPrivate: options.allowPrivate,
      retry: { ...DEFAULT_RETRY_SCHEDULE, ...runtime.retry },
      ...(runtime.pollMs === undefined ? {} : { pollMs: runtime.pollMs }),
      ...(runtime.disableAfter === undefined ? {} : { disableAfter: runtime.disableAfter }),
      ...(runtime.concurrency === undefined ? {} : { concurrency: runtime.concurrency }),
    },
  );
  const outbox = new WebhookOutbox(clock, () => worker.kick(), endpoints);
  deps.orders.events.addEffect(orderDeliveriesEffect(outbox));
  deps.products.events.addEffect(productDeliveriesEffect(outbox));
  const service = new WebhookService(logs, clock, {
    allowPrivate: options.allowPrivate,
    onRedeliver: () => worker.kick(),
    onEndpointsChanged: announceChange,
  });
  return {
    service,
    resolver: new WebhookResolver(service),
    start: () => {
      if (runtime.deliver ?? true) worker.start();
    },
    stop: async () => {
      await changes.return?.();
      await worker.stop();
    },
  };
}

import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { makeScheduler, type Scheduler } from "../../scheduler/scheduler";
import type { LogService } from "../logs";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import { OrderProcessor, type ProcessorOptions } from "./order-processor";
import { OrderRecovery } from "./order-recovery";
import type { OrderStore } from "./order-store";
import type { OrderService } from "./order.service";

export interface OrderPipelineDeps {
  readonly orders: OrderService;
  readonly store: OrderStore;
  readonly products: ProductService;
  readonly users: UserService;
  readonly logs: LogService;
  readonly pubSub: AppPubSub;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface OrderPipelineOptions {
  /** Orders processed at once by this instance. */
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly delayMs: number;
  /** How often this instance looks for orders placed elsewhere. @default 1000 */
  readonly pollIntervalMs?: number;
  /** How often recovery runs. @default 5000 */
  readonly recoveryIntervalMs?: number;
  readonly onDecided?: ProcessorOptions["onDecided"];
}

/**
 * The orders module's runtime: the scheduler fed by this instance's placements, by pub/sub and by
 * polling; the processor and its claim renewals; recovery at start-up and on a timer.
 */
export class OrderPipeline {
  readonly processor: OrderProcessor;
  private readonly recovery: OrderRecovery;
  private readonly scheduler: Scheduler;
  private queued: AsyncIterableIterator<unknown> | undefined;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: OrderPipelineDeps,
    private readonly options: OrderPipelineOptions,
  ) {
    const { orders, store, products, users, logs, clock, logger } = deps;
    this.processor = new OrderProcessor(orders, store, products, users, clock, {
      owner: randomUUID(),
      leaseMs: options.leaseMs,
      delayMs: options.delayMs,
      ...(options.onDecided === undefined ? {} : { onDecided: options.onDecided }),
    });
    this.scheduler = makeScheduler({
      concurrency: options.concurrency,
      work: (entry) => this.processor.process(entry.id),
      poll: () => orders.pendingEntries(1000),
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      logger,
    });
    this.recovery = new OrderRecovery(orders, store, products, users, logs, logger, (order) =>
      this.scheduler.enqueue({
        id: order._id.toHexString(),
        key: order.priorityKey,
        createdAt: order.createdAt.getTime(),
      }),
    );
  }

  /** Recovers once (settling what a crash or version 1 left), then processes and recovers continuously. */
  async start(): Promise<void> {
    const queued = this.deps.pubSub.subscribe(Topic.ORDERS_QUEUED);
    this.queued = queued;
    void (async () => {
      for await (const event of queued) for (const entry of event.entries) this.scheduler.enqueue(entry);
    })();
    await this.recover();
    this.processor.start();
    this.scheduler.start();
    this.recoveryTimer = setInterval(() => void this.recover(), this.options.recoveryIntervalMs ?? 5000);
    this.recoveryTimer.unref();
  }

  /** One recovery pass now (passes never overlap on one instance). */
  recover(): Promise<unknown> {
    this.recovering = this.recovering
      .then(() => this.recovery.run())
      .catch((error: unknown) => this.deps.logger.error({ err: error }, "recovery failed"));
    return this.recovering;
  }

  /** Takes no new orders, finishes those in flight, then stops renewing and recovering. */
  async stop(): Promise<void> {
    clearInterval(this.recoveryTimer);
    await this.scheduler.stop();
    this.processor.stop();
    await this.recovering;
    await this.queued?.return?.();
  }
}

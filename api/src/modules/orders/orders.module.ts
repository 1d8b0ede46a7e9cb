import type { Clock } from "../../clock";
import { noSeam } from "../../lib/seam";
import type { Logger } from "../../logger";
import type { AppPubSub } from "../../pubsub/pubsub";
import type { LogService } from "../logs";
import type { ProductService } from "../products";
import type { CustomerService, UserService } from "../users";
import { OrderPipeline, type OrderPipelineOptions } from "./order-pipeline";
import { OrderStore } from "./order-store";
import { QueuePositions } from "./queue-positions";
import { PlacementLimits, type PlacementLimitOptions } from "./placement-limits";
import type { QueueStandingsSource } from "../../graphql/context";
import { OrderItemResolver, OrderResolver, UserOrdersResolver, type LocalSchedulerStats } from "./order.resolver";
import { OrderService } from "./order.service";

/** Switches of the orders module's runtime, which tests turn off or speed up. */
export interface OrderSchedulingOptions {
  /** Off: orders stay PENDING (tests of placement and cancellation). @default true */
  readonly enabled?: boolean;
  /** How often each instance looks for orders placed elsewhere. @default 1000 */
  readonly pollIntervalMs?: number;
  /** How often recovery runs. @default 5000 */
  readonly recoveryIntervalMs?: number;
}

/** What the orders module is built on. */
export interface OrdersModuleDeps {
  readonly products: ProductService;
  readonly users: UserService;
  readonly customers: CustomerService;
  readonly logs: LogService;
  readonly pubSub: AppPubSub;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Options of {@link createOrdersModule}. */
export interface OrdersModuleOptions extends Pick<OrderPipelineOptions, "concurrency" | "leaseMs" | "delayMs"> {
  /** Priority a waiting order gains per second. */
  readonly agingPerSec: number;
  readonly scheduling?: OrderSchedulingOptions | undefined;
  /** Fair use of the queue; none when unset (the explorer's worlds). */
  readonly limits?: PlacementLimitOptions;
  /** Told each decision and how long the order waited (metrics). */
  readonly onDecided?: OrderPipelineOptions["onDecided"];
}

/** The orders module: its service, its resolvers and its runtime (the order pipeline). */
export interface OrdersModule {
  readonly service: OrderService;
  /** This instance's scheduler figures. */
  readonly localStats: LocalSchedulerStats;
  readonly resolvers: {
    readonly orders: OrderResolver;
    readonly items: OrderItemResolver;
    readonly userOrders: UserOrdersResolver;
  };
  /** Where a customer's PENDING orders stand, live (`queueUpdated`). */
  readonly queueStandings: QueueStandingsSource;
  /** Starts the pipeline (unless scheduling is off): recovery first, then processing. */
  start(): Promise<void>;
  /** One recovery pass now. */
  recover(): Promise<unknown>;
  /** Finishes the orders in flight and stops processing and recovering. */
  stop(): Promise<void>;
}

/** Builds the orders module; a deleted customer's open orders are rejected. */
export function createOrdersModule(deps: OrdersModuleDeps, options: OrdersModuleOptions): OrdersModule {
  const { products, users, customers, logs, pubSub, clock, logger } = deps;
  const { concurrency, leaseMs, delayMs, onDecided, scheduling = {} } = options;
  const store = new OrderStore(clock, noSeam);
  const service = new OrderService(store, products, users, pubSub, logs, clock, {
    agingPerSec: options.agingPerSec,
    logger,
    batchEventWrites: true,
    groupPlacements: true,
    ...(options.limits === undefined ? {} : { limits: new PlacementLimits(clock, options.limits) }),
  });
  customers.onCustomerDeleted((customerId) => service.rejectOrdersOfDeleted(customerId));
  const pipeline = new OrderPipeline(
    { orders: service, store, products, users, logs, pubSub, clock, logger },
    {
      concurrency,
      leaseMs,
      delayMs,
      ...(onDecided === undefined ? {} : { onDecided }),
      ...(scheduling.pollIntervalMs === undefined ? {} : { pollIntervalMs: scheduling.pollIntervalMs }),
      ...(scheduling.recoveryIntervalMs === undefined ? {} : { recoveryIntervalMs: scheduling.recoveryIntervalMs }),
    },
  );
  const localStats = () => ({ concurrency });
  const queue = new QueuePositions(clock, pubSub);
  return {
    service,
    localStats,
    resolvers: {
      orders: new OrderResolver(service, localStats, queue),
      items: new OrderItemResolver(),
      userOrders: new UserOrdersResolver(service),
    },
    queueStandings: (customerId) => queue.watch(customerId),
    start: async () => {
      queue.start();
      if (scheduling.enabled ?? true) await pipeline.start();
    },
    recover: () => pipeline.recover(),
    stop: async () => {
      await pipeline.stop();
      await service.drain();
      await queue.stop();
    },
  };
}

import type { Logger } from "../../logger";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import type { LocalSchedulerStats, OrderOverview, OrderService } from "../orders";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import type { DashboardCounters } from "./dashboard-counters";
import type { Dashboard } from "./dashboard.type";

export interface DashboardOptions {
  /** The least time between two updates. @default 1000 */
  readonly minIntervalMs?: number;
}

/**
 * The admin dashboard's figures, read through the other modules' services, and its live feed:
 * after any change (orders, products, log events, from any instance) the figures are computed
 * once and published to this instance's subscribers, at most once per interval, never while
 * nothing changes, and never while nobody on this instance subscribes.
 */
export class DashboardService {
  private readonly sources: Array<AsyncIterator<unknown>> = [];
  private timer: NodeJS.Timeout | undefined;
  private lastPublished = 0;
  private computing: Promise<void> = Promise.resolve();
  private readonly minIntervalMs: number;

  constructor(
    private readonly orders: OrderService,
    private readonly counters: DashboardCounters,
    private readonly users: UserService,
    private readonly products: ProductService,
    private readonly localStats: LocalSchedulerStats,
    private readonly pubSub: AppPubSub,
    private readonly logger: Logger,
    options: DashboardOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
  }

  /** The figures now: the order counters (a recount before they exist), two small counts. */
  async current(): Promise<Dashboard> {
    const [overview, counts, productCount] = await Promise.all([
      this.orderOverview(),
      this.users.customerCounts(),
      this.products.countActive(),
    ]);
    return {
      customerCount: counts.customers,
      premiumCustomerCount: counts.premium,
      productCount,
      orderCount: overview.orderCount,
      revenueCents: overview.revenueCents,
      ordersByStatus: [...overview.ordersByStatus],
      throughput: [...overview.throughput],
      scheduler: { ...overview.figures, ...this.localStats() },
    };
  }

  /** The order figures: counted, or recounted while the counters do not exist yet. */
  async orderOverview(): Promise<OrderOverview> {
    return (await this.counters.overview()) ?? this.orders.overview();
  }

  /** Starts watching for changes. */
  start(): void {
    for (const topic of [Topic.ORDER_UPDATED, Topic.PRODUCT_UPDATED, Topic.LOG_ADDED] as const) {
      const events = this.pubSub.subscribe(topic)[Symbol.asyncIterator]();
      this.sources.push(events);
      void (async () => {
        for (let next = await events.next(); !next.done; next = await events.next()) this.changed();
      })();
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.sources.map(async (source) => source.return?.()));
    await this.computing;
  }

  /** Something changed: publish fresh figures once the interval since the last ones has passed. */
  private changed(): void {
    if (this.timer !== undefined || this.pubSub.localSubscribers(Topic.DASHBOARD_UPDATED) === 0) return;
    const wait = Math.max(0, this.lastPublished + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastPublished = Date.now();
      // One computation at a time: a slow one delays the next instead of overlapping it.
      this.computing = this.computing
        .then(() => this.current())
        .then((dashboard) => this.pubSub.publish(Topic.DASHBOARD_UPDATED, dashboard))
        .catch((error: unknown) => this.logger.error({ err: error }, "could not compute the dashboard"));
    }, wait);
    this.timer.unref();
  }
}

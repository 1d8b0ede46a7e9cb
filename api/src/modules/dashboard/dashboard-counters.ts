import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { WriteBatcher } from "../../lib/write-batcher";
import { OrderStatus, type OrderEvent, type OrderEventEffect, type OrderOverview, type OrderService } from "../orders";
import {
  addCounts,
  batchKey,
  emptyCounts,
  eventDeltas,
  eventKey,
  eventMinute,
  MINUTE_MS,
  minuteOf,
  pastEvents,
  shardOf,
  type CountedOrder,
  type Counts,
} from "./counter-deltas";
import { CounterStore, type Application } from "./counter-store";

/** Options of {@link DashboardCounters}. */
export interface DashboardCountersOptions {
  /** A minute is absorbed into the totals this long after it ends at the earliest. @default 90 min */
  readonly rollUpAfterMs?: number;
  /** How often the roll-up runs (0: only when called). @default 60000 */
  readonly rollUpIntervalMs?: number;
  /**
   * How long one count of the PROCESSING orders serves the reads (0: a count for every read).
   * Claims are no events, so this figure alone is counted in the orders, which the embedded
   * server does by a scan. @default 1000
   */
  readonly processingMaxAgeMs?: number;
}

/** Orders owing events beyond this many: the roll-up waits (it must know the oldest owed minute). */
const OWING_LIMIT = 5000;
const WINDOW_MINUTES = 60;

/**
 * The dashboard's order figures from counters kept by an order-event effect, instead of a pass
 * over every order: each event is counted in a bucket of its minute and shard, keyed by (order,
 * event) so that applying it again changes nothing; buckets that no owed event can reach any more
 * are absorbed into one totals document in minute order. Reading costs the totals, the buckets of
 * the last 90 minutes or so, and a count of the orders in flight, whatever the history.
 */
export class DashboardCounters {
  private readonly store = new CounterStore();
  /** The events that arrive together, counted in one command. */
  private readonly applications = new WriteBatcher((all: readonly Application[]) => this.store.applyMany(all));
  private readonly rollUpAfterMs: number;
  private readonly rollUpIntervalMs: number;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private rolling: Promise<unknown> = Promise.resolve();
  private readonly processingMaxAgeMs: number;
  private processing: { readonly at: number; readonly count: Promise<number> } | undefined;

  constructor(
    private readonly orders: OrderService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: DashboardCountersOptions = {},
  ) {
    this.rollUpAfterMs = options.rollUpAfterMs ?? 90 * MINUTE_MS;
    this.rollUpIntervalMs = options.rollUpIntervalMs ?? 60_000;
    this.processingMaxAgeMs = options.processingMaxAgeMs ?? 1000;
  }

  /** The effect to register with the orders' events. */
  readonly effect: OrderEventEffect = {
    name: "dashboard counters",
    apply: (order, event) => this.apply(order, event),
    applyBatch: (orders, event) => this.applyBatch(orders, event),
  };

  /** Counts one event of an order; false (the order keeps owing it) before the migration. */
  async apply(order: CountedOrder, event: OrderEvent): Promise<boolean> {
    if (!(await this.isActive())) return false;
    return this.applications.add({
      minute: eventMinute(order, event),
      shard: shardOf(order),
      key: eventKey(order._id, event),
      // A generated order's placement counts once: with its batch, or by itself after a crash.
      covers: order.batchId && event === "placed" ? [batchKey(order.batchId)] : [],
      conflicts: [],
      n: eventDeltas(order, event),
    });
  }

  /**
   * Counts the placement of a batch of generated orders in one update, unless one of them was
   * counted by itself already (recovery got there first): then false, and recovery counts each.
   */
  async applyBatch(orders: readonly CountedOrder[], event: OrderEvent): Promise<boolean> {
    const first = orders[0];
    const batchId = first?.batchId;
    const oneBatch = batchId && event === "placed" && orders.every((o) => o.batchId?.equals(batchId) === true);
    if (!oneBatch) {
      let all = true;
      for (const order of orders) all = (await this.apply(order, event)) && all;
      return all;
    }
    if (!(await this.isActive())) return false;
    return this.store.apply({
      minute: eventMinute(first, event),
      shard: shardOf(first),
      key: batchKey(batchId),
      covers: [],
      conflicts: orders.map((order) => eventKey(order._id, event)),
      n: { open: orders.length },
    });
  }

  /** The order figures from the counters (null before the migration). */
  async overview(): Promise<OrderOverview | null> {
    const totals = await this.store.totals();
    if (totals === null) return null;
    const [buckets, processing] = await Promise.all([this.store.unabsorbed(totals), this.processingCount()]);
    const n = buckets.reduce((sum, bucket) => addCounts(sum, bucket.n), addCounts(emptyCounts(), totals.n));
    const last = minuteOf(this.clock.now());
    const window = new Map<number, Counts>();
    const inWindow = (minute: number, add: Partial<Counts> | undefined) => {
      if (minute <= last - WINDOW_MINUTES * MINUTE_MS || minute > last) return;
      window.set(minute, addCounts(window.get(minute) ?? emptyCounts(), add));
    };
    for (const [minute, add] of Object.entries(totals.recent ?? {})) inWindow(Number(minute), add);
    for (const bucket of buckets) inWindow(bucket.minute.getTime(), bucket.n);
    return toOverview(n, processing, window, last);
  }

  /**
   * The migration: when no counters exist (a new database, or one from before them), counts every
   * order's past events except those it still owes, which the effect counts when recovery records
   * them. Run before the order pipeline starts; the effect counts nothing until it is done, so no
   * event is counted both ways. Concurrent instances: the first to finish wins, the rest discard.
   * @returns true when this call made the counters.
   */
  async ensure(): Promise<boolean> {
    if (await this.isActive()) return false;
    const started = Date.now();
    const n = emptyCounts();
    const recent: Record<string, Counts> = {};
    const since = minuteOf(this.clock.now()) - WINDOW_MINUTES * MINUTE_MS;
    for await (const order of this.orders.everyOrderForCounting()) {
      const owed: readonly string[] = order.pendingLog ?? []; // older documents may lack it
      for (const event of pastEvents(order)) {
        if (owed.includes(event)) continue;
        const deltas = eventDeltas(order, event);
        addCounts(n, deltas);
        const minute = eventMinute(order, event);
        if (event === "decided" && minute > since) recent[minute] = addCounts(recent[minute] ?? emptyCounts(), deltas);
      }
    }
    const made = await this.store.start({ n, rolledUpTo: new Date(0), recent, late: [], lateBuckets: [] });
    this.active = true;
    if (made) this.logger.info({ ms: Date.now() - started, orders: n }, "dashboard counters: orders counted");
    return made;
  }

  /**
   * Absorbs into the totals every minute older than the roll-up delay that no owed event can reach
   * (the oldest owed event's minute bounds it), and any bucket that appeared behind the mark.
   * @returns the buckets or minutes absorbed.
   */
  async rollUp(): Promise<number> {
    const totals = await this.store.totals();
    if (totals === null) return 0;
    const owing = await this.orders.owingEvents(OWING_LIMIT);
    if (owing.length >= OWING_LIMIT) return 0;
    let before = minuteOf(this.clock.now()) - this.rollUpAfterMs;
    for (const order of owing) {
      for (const event of order.pendingLog) before = Math.min(before, eventMinute(order, event as OrderEvent));
    }
    const candidates = await this.store.candidates(totals, before);
    const mark = totals.rolledUpTo.getTime();
    const stragglers = candidates.filter((c) => c.minute.getTime() <= mark && !totals.lateBuckets.includes(c._id));
    for (const straggler of stragglers) await this.store.absorbStraggler(straggler._id);
    const minutes = [...new Set(candidates.map((c) => c.minute.getTime()).filter((m) => m > mark))];
    for (const minute of minutes.sort((a, b) => a - b)) await this.store.absorbMinute(minute);
    return stragglers.length + minutes.length;
  }

  /** Rolls up now and then, one pass at a time. */
  start(): void {
    if (this.rollUpIntervalMs <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.rolling = this.rolling
        .then(() => this.rollUp())
        .catch((error: unknown) => this.logger.error({ err: error }, "dashboard counters: roll-up failed"));
    }, this.rollUpIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.rolling;
  }

  /** The orders in PROCESSING, counted at most once per `processingMaxAgeMs` (reads share it). */
  private processingCount(): Promise<number> {
    const now = this.clock.now().getTime();
    if (this.processing === undefined || now - this.processing.at >= this.processingMaxAgeMs) {
      const count = this.orders.countProcessing();
      this.processing = { at: now, count };
      count.catch(() => {
        if (this.processing?.count === count) this.processing = undefined;
      });
    }
    return this.processing.count;
  }

  private async isActive(): Promise<boolean> {
    if (!this.active) this.active = (await this.store.totals()) !== null;
    return this.active;
  }
}

/** The overview's shape from counted figures, as OrderService.overview() computes it by recount. */
function toOverview(n: Counts, processing: number, window: Map<number, Counts>, last: number): OrderOverview {
  const byStatus: Record<OrderStatus, number> = {
    [OrderStatus.PENDING]: n.open - processing,
    [OrderStatus.PROCESSING]: processing,
    [OrderStatus.APPROVED]: n.approved,
    [OrderStatus.REJECTED]: n.rejected,
    [OrderStatus.CANCELLED]: n.cancelled,
    [OrderStatus.SHIPPED]: n.shipped,
    [OrderStatus.DELIVERED]: n.delivered,
  };
  const ordersByStatus = Object.values(OrderStatus).map((status) => ({ status, count: byStatus[status] }));
  const throughput = Array.from({ length: WINDOW_MINUTES }, (_, i) => {
    const minute = last - (WINDOW_MINUTES - 1 - i) * MINUTE_MS;
    const counts = window.get(minute);
    return { minute: new Date(minute), approved: counts?.outcomeApproved ?? 0, rejected: counts?.outcomeRejected ?? 0 };
  });
  const waits = [...window.values()].reduce((sum, counts) => addCounts(sum, counts), emptyCounts());
  const mean = (total: number, count: number) => (count === 0 ? null : total / count);
  return {
    orderCount: ordersByStatus.reduce((sum, s) => sum + s.count, 0),
    revenueCents: n.revenueCents,
    ordersByStatus,
    throughput,
    figures: {
      queued: byStatus[OrderStatus.PENDING],
      inFlight: processing,
      processedTotal: n.outcomeApproved + n.outcomeRejected,
      approvedTotal: n.outcomeApproved,
      rejectedTotal: n.outcomeRejected,
      meanWaitMsPremium: mean(waits.waitMsPremium, waits.decidedPremium),
      meanWaitMsStandard: mean(waits.waitMsStandard, waits.decidedStandard),
    },
  };
}

import type { Clock } from "../../clock";
import { PushIterator } from "../../lib/push-iterator";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { OrderStatus } from "./order-status";
import { OrderModel } from "./order.model";

/** The least time between two reads of the pending orders. */
const MIN_REFRESH_MS = 100;

/** Where one PENDING order stands. */
export interface QueueStanding {
  readonly orderId: string;
  /** 1 + the PENDING orders ahead of it in the scheduler's global order. */
  readonly queuePosition: number;
  /** From the position and the recent decision rate; null while no decision was heard lately. */
  readonly estimatedDecisionAt: Date | null;
}

interface Snapshot {
  /** When the pending orders were read. */
  readonly at: number;
  readonly positions: ReadonlyMap<string, { position: number; customerId: string }>;
}

export interface QueuePositionsOptions {
  /** The longest a snapshot is used for. @default 1000 */
  readonly maxAgeMs?: number;
  /** The window the decision rate is measured over. @default 60000 */
  readonly rateWindowMs?: number;
}

/**
 * The queue as customers see it: every PENDING order's position in the scheduler's global order
 * (higher priority key first, then older, then smaller id, as the scheduler serves them), and an
 * estimate of when it will be decided. One read of the pending orders serves every order and
 * every viewer on this instance for up to a second; the decision rate comes from the decisions
 * this instance hears (every instance's, through pub/sub), so estimating costs no query.
 */
export class QueuePositions {
  private snapshot: Snapshot | undefined;
  private reading: { readonly at: number; readonly snapshot: Promise<Snapshot> } | undefined;
  private readonly decisions: number[] = [];
  private events: AsyncIterator<unknown> | undefined;
  private readonly maxAgeMs: number;
  private readonly rateWindowMs: number;
  /** Live viewers: their iterator and what they were last sent. */
  private readonly watchers = new Map<PushIterator<QueueStanding[]>, { customerId: string; last: string }>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly pubSub: AppPubSub,
    options: QueuePositionsOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 1000;
    this.rateWindowMs = options.rateWindowMs ?? 60_000;
  }

  /** Starts hearing decisions (for the rate). */
  start(): void {
    const decisions = this.pubSub.subscribe(
      Topic.ORDER_UPDATED,
      (order) => order.status === OrderStatus.APPROVED || order.status === OrderStatus.REJECTED,
    );
    const events = decisions[Symbol.asyncIterator]();
    this.events = events;
    void (async () => {
      for (let next = await events.next(); !next.done; next = await events.next()) this.decided();
    })();
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    for (const watcher of this.watchers.keys()) watcher.end();
    this.watchers.clear();
    await this.events?.return?.();
  }

  /**
   * The customer's standings, live: now, then whenever they change, checked once per maxAgeMs.
   * All viewers on this instance share each check's one read.
   */
  watch(customerId: string): PushIterator<QueueStanding[]> {
    const watcher = new PushIterator<QueueStanding[]>((left) => {
      this.watchers.delete(left);
      if (this.watchers.size === 0) {
        clearInterval(this.ticker);
        this.ticker = undefined;
      }
    });
    this.watchers.set(watcher, { customerId, last: "" });
    this.ticker ??= setInterval(() => void this.tick(), this.maxAgeMs);
    this.ticker.unref();
    void this.tick([watcher]);
    return watcher;
  }

  /** Sends each watcher its standings when they changed since the last ones it was sent. */
  private async tick(only?: ReadonlyArray<PushIterator<QueueStanding[]>>): Promise<void> {
    for (const watcher of only ?? [...this.watchers.keys()]) {
      const state = this.watchers.get(watcher);
      if (state === undefined) continue;
      const standings = await this.standingsOf(state.customerId).catch(() => undefined);
      if (standings === undefined) continue;
      const text = JSON.stringify(standings);
      if (text === state.last) continue;
      state.last = text;
      watcher.push(standings);
    }
  }

  /** Where the order stands, if it is PENDING. `notBefore`: a snapshot older than this is read again. */
  async standing(orderId: string, notBefore: Date): Promise<QueueStanding | null> {
    const snapshot = await this.current(notBefore.getTime());
    const entry = snapshot.positions.get(orderId);
    return entry === undefined ? null : this.standingOf(orderId, entry.position, snapshot);
  }

  /** Where each of the customer's PENDING orders stands, best placed first. */
  async standingsOf(customerId: string): Promise<QueueStanding[]> {
    const snapshot = await this.current(0);
    const standings: QueueStanding[] = [];
    for (const [orderId, entry] of snapshot.positions)
      if (entry.customerId === customerId) standings.push(this.standingOf(orderId, entry.position, snapshot));
    return standings;
  }

  /** Decisions per second over the window, or null when none was heard in it. */
  decisionRate(): number | null {
    const now = this.clock.now().getTime();
    while (this.decisions.length > 0 && this.decisions[0] <= now - this.rateWindowMs) this.decisions.shift();
    if (this.decisions.length === 0) return null;
    // Over the time since the first decision in the window (at least a second): idle time before
    // the orders came does not dilute it.
    return this.decisions.length / (Math.max(1000, now - this.decisions[0]) / 1000);
  }

  private decided(): void {
    this.decisions.push(this.clock.now().getTime());
    if (this.decisions.length > 100_000) this.decisions.splice(0, this.decisions.length - 100_000);
  }

  private standingOf(orderId: string, position: number, snapshot: Snapshot): QueueStanding {
    const rate = this.decisionRate();
    return {
      orderId,
      queuePosition: position,
      estimatedDecisionAt: rate === null ? null : new Date(snapshot.at + (position / rate) * 1000),
    };
  }

  /** The snapshot, read again when older than maxAgeMs or than `notBefore`; concurrent reads share one. */
  private async current(notBefore: number): Promise<Snapshot> {
    const now = this.clock.now().getTime();
    const fresh =
      this.snapshot !== undefined && this.snapshot.at > now - this.maxAgeMs && this.snapshot.at >= notBefore;
    if (fresh) return this.snapshot!;
    // A read begun before `notBefore` may miss what the caller asks about: begin another, but not
    // more than one per minRefreshMs (a flood of new orders must not become a flood of reads).
    if (this.reading !== undefined && (this.reading.at >= notBefore || now - this.reading.at < MIN_REFRESH_MS))
      return this.reading.snapshot;
    if (this.snapshot !== undefined && now - this.snapshot.at < MIN_REFRESH_MS) return this.snapshot;
    const reading = { at: now, snapshot: this.read(now) };
    this.reading = reading;
    void reading.snapshot
      .finally(() => {
        if (this.reading === reading) this.reading = undefined;
      })
      .catch(() => undefined);
    return reading.snapshot;
  }

  private async read(at: number): Promise<Snapshot> {
    const pending = await OrderModel.find(
      { status: OrderStatus.PENDING },
      { priorityKey: 1, createdAt: 1, customerId: 1 },
    )
      .sort({ priorityKey: -1, createdAt: 1 })
      .lean()
      .exec();
    // The scheduler's last tie-break, the smaller id, which the index does not sort by.
    pending.sort(
      (a, b) =>
        b.priorityKey - a.priorityKey ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a._id.toHexString() < b._id.toHexString() ? -1 : 1),
    );
    const positions = new Map<string, { position: number; customerId: string }>();
    pending.forEach((order, index) =>
      positions.set(order._id.toHexString(), { position: index + 1, customerId: order.customerId.toHexString() }),
    );
    const snapshot = { at, positions };
    if (this.snapshot === undefined || this.snapshot.at <= at) this.snapshot = snapshot;
    return snapshot;
  }
}

import type { Types } from "mongoose";
import { SeamStop } from "../../lib/seam";
import { WriteBatcher } from "../../lib/write-batcher";
import type { Logger } from "../../logger";
import type { LogInput, LogService } from "../logs";
import { orderLogEntry, orderLogEntryId } from "./order-log";
import type { OrderEvent, OrderStore } from "./order-store";
import type { OrderDocument } from "./order.model";

/**
 * Something that must follow every event of an order exactly once in effect: the log entry, and
 * whatever other modules add (webhook deliveries, dashboard counters). It may run more than once
 * for the same event (after a crash, or when two instances' recoveries meet), so it must be
 * idempotent: keyed by the order and the event, never "add one more".
 */
export interface OrderEventEffect {
  /** Named in the error logged when it fails. */
  readonly name: string;
  /**
   * @returns true once its effect is durable; false (or a throw) leaves the order owing the event,
   * and recovery calls it again.
   */
  apply(order: OrderDocument, event: OrderEvent, actorId?: string): Promise<boolean>;
  /**
   * The placement of a whole batch of generated (load-test) orders at once. Generated orders'
   * placements reach only the effects that have it (the others never see them, as before such
   * orders owed anything): in one call after the batch's insert, or through `apply` per order
   * when recovery finds them still owed after a crash, and each must then count once in all.
   */
  applyBatch?(orders: readonly OrderDocument[], event: OrderEvent): Promise<boolean>;
}

/** A generated order's placement: counted per batch, and only by effects that can (see applyBatch). */
const isBatchEvent = (order: OrderDocument, event: OrderEvent) => order.generated && event === "placed";

export interface OrderEventsOptions {
  /** Where a failing effect is reported. */
  readonly logger?: Logger | undefined;
  /**
   * Applies the events that happen within `EVENT_LINGER_MS` of each other as one group: each effect
   * writes the whole group in one command (a crash loses a group's writes together; recovery
   * writes them again), and one command clears the group's debts. Off: one command per event and
   * effect, with the seams the explorer steps through.
   */
  readonly batched?: boolean;
}

/**
 * How long an event may wait for others to be recorded with (batched). Nobody waits for these
 * writes (the debt on the order stands for them), so a longer wait costs only how late the log
 * entry, the dashboard and webhooks hear of the event; at a few hundred orders a second, 100 ms
 * makes groups of dozens of events where 20 ms made groups of a few.
 */
export const EVENT_LINGER_MS = 100;

/** One event to record. */
interface Recording {
  readonly order: OrderDocument;
  readonly event: OrderEvent;
  readonly actorId: string | undefined;
}

/**
 * The effects of order events. The change that makes an event also records it as owed on the order
 * (`pendingLog`, in the same conditional update); `record` then applies every effect and clears
 * the debt only when all of them are done. A crash in between leaves the debt, and recovery
 * records the event again, which the effects' idempotence turns into nothing new.
 */
export class OrderEvents {
  private readonly effects: OrderEventEffect[];
  private readonly logger: Logger | undefined;
  /** The events recorded together (batched), or undefined: each by itself. */
  private readonly groups: WriteBatcher<Recording, void> | undefined;

  constructor(
    private readonly store: OrderStore,
    logs: LogService,
    options: OrderEventsOptions = {},
  ) {
    this.logger = options.logger;
    let writeEntry = (id: Types.ObjectId, input: LogInput) => logs.recordOnce(id, input);
    if (options.batched === true) {
      // The group's entries arrive together: one command.
      const entries = new WriteBatcher((items: ReadonlyArray<{ id: Types.ObjectId; input: LogInput }>) =>
        logs.recordManyOnce(items),
      );
      writeEntry = (id, input) => entries.add({ id, input });
      this.groups = new WriteBatcher<Recording, void>(
        async (group: readonly Recording[]) => {
          await this.recordGroup(group);
          return group.map(() => undefined);
        },
        { lingerMs: EVENT_LINGER_MS },
      );
    }
    this.effects = [
      {
        name: "log entry",
        apply: (order, event, actorId) =>
          writeEntry(orderLogEntryId(order._id, event), orderLogEntry(order, event, actorId)),
      },
    ];
  }

  /** Adds an effect, applied after those already there (modules built after the orders module). */
  addEffect(effect: OrderEventEffect): void {
    this.effects.push(effect);
  }

  /**
   * Applies every effect of the event, then clears the order's debt for it if all succeeded
   * (batched: with the events that come within EVENT_LINGER_MS, resolving when their group is done).
   */
  async record(order: OrderDocument, event: OrderEvent, actorId?: string): Promise<void> {
    if (this.groups !== undefined) return this.groups.add({ order, event, actorId });
    await this.store.step("log:write");
    const done = await this.applyEffects({ order, event, actorId });
    if (done) await this.clearDebts([order._id], event, () => this.store.markLogged(order._id, event));
  }

  /** `record` for each: all in one group when batched, one after another otherwise. */
  async recordAll(events: ReadonlyArray<{ order: OrderDocument; event: OrderEvent }>): Promise<void> {
    if (this.groups !== undefined) {
      await Promise.all(events.map(({ order, event }) => this.record(order, event)));
      return;
    }
    for (const { order, event } of events) await this.record(order, event);
  }

  /** A group of events: every effect for each (each effect's writes meet in one command), one command for the debts. */
  private async recordGroup(group: readonly Recording[]): Promise<void> {
    await this.store.step("log:write");
    const done = await Promise.all(group.map((recording) => this.applyEffects(recording)));
    const marks = group.filter((_, i) => done[i]).map(({ order, event }) => ({ orderId: order._id, event }));
    if (marks.length === 0) return;
    const ids = marks.map((mark) => mark.orderId);
    const events = [...new Set(marks.map((mark) => mark.event))].join(", ");
    await this.clearDebts(ids, events, () => this.store.markLoggedMany(marks));
  }

  private applyEffects({ order, event, actorId }: Recording): Promise<boolean> {
    const effects = isBatchEvent(order, event) ? this.effects.filter((e) => e.applyBatch !== undefined) : this.effects;
    return this.applyAll(effects, event, [order._id], (effect) => effect.apply(order, event, actorId));
  }

  /**
   * `record` for the placement of a batch of generated orders inserted together: the effects that
   * have `applyBatch` apply it once, and one update clears the batch's debts.
   */
  async recordBatch(orders: readonly OrderDocument[], event: OrderEvent): Promise<void> {
    if (orders.length === 0) return;
    await this.store.step("log:write");
    const ids = orders.map((order) => order._id);
    const effects = this.effects.filter((e) => e.applyBatch !== undefined);
    const done = await this.applyAll(effects, event, ids, (effect) => effect.applyBatch?.(orders, event) ?? true);
    if (done) {
      await this.clearDebts(ids, event, () => this.store.markLoggedMany(ids.map((orderId) => ({ orderId, event }))));
    }
  }

  /** Runs each effect (a failure does not stop the others); true when all succeeded. */
  private async applyAll(
    effects: readonly OrderEventEffect[],
    event: OrderEvent,
    orderIds: readonly Types.ObjectId[],
    run: (effect: OrderEventEffect) => Promise<boolean> | boolean,
  ): Promise<boolean> {
    let done = true;
    for (const effect of effects) {
      try {
        done = (await run(effect)) && done;
      } catch (error) {
        if (error instanceof SeamStop) throw error;
        done = false;
        this.logger?.error({ err: error, orderIds: hex(orderIds), event }, `order event: ${effect.name} failed`);
      }
    }
    return done;
  }

  private async clearDebts(orderIds: readonly Types.ObjectId[], event: string, clear: () => Promise<void>) {
    try {
      await clear();
    } catch (error) {
      if (error instanceof SeamStop) throw error;
      // Still owed: recovery applies the effects again (nothing new) and clears the debt.
      this.logger?.error({ err: error, orderIds: hex(orderIds), event }, "order event: debt not cleared");
    }
  }
}

const hex = (ids: readonly Types.ObjectId[]) => ids.map((id) => id.toHexString());

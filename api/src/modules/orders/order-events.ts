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
   * Writes the log entries, and clears the debts, of events that happen together in one command
   * each (a crash loses a group's writes together; recovery writes them again). Off: one command
   * per event, with the seams the explorer steps through.
   */
  readonly batched?: boolean;
}

/**
 * The effects of order events. The change that makes an event also records it as owed on the order
 * (`pendingLog`, in the same conditional update); `record` then applies every effect and clears
 * the debt only when all of them are done. A crash in between leaves the debt, and recovery
 * records the event again, which the effects' idempotence turns into nothing new.
 */
export class OrderEvents {
  private readonly effects: OrderEventEffect[];
  private readonly markLogged: (orderId: Types.ObjectId, event: OrderEvent) => Promise<void>;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly store: OrderStore,
    logs: LogService,
    options: OrderEventsOptions = {},
  ) {
    this.logger = options.logger;
    let writeEntry = (id: Types.ObjectId, input: LogInput) => logs.recordOnce(id, input);
    this.markLogged = (orderId, event) => store.markLogged(orderId, event);
    if (options.batched === true) {
      const entries = new WriteBatcher((items: ReadonlyArray<{ id: Types.ObjectId; input: LogInput }>) =>
        logs.recordManyOnce(items),
      );
      const marks = new WriteBatcher(async (items: ReadonlyArray<{ orderId: Types.ObjectId; event: OrderEvent }>) => {
        await store.markLoggedMany(items);
        return items.map(() => undefined);
      });
      writeEntry = (id, input) => entries.add({ id, input });
      this.markLogged = (orderId, event) => marks.add({ orderId, event });
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

  /** Applies every effect of the event, then clears the order's debt for it if all succeeded. */
  async record(order: OrderDocument, event: OrderEvent, actorId?: string): Promise<void> {
    await this.store.step("log:write");
    const effects = isBatchEvent(order, event) ? this.effects.filter((e) => e.applyBatch !== undefined) : this.effects;
    const done = await this.applyAll(effects, event, [order._id], (effect) => effect.apply(order, event, actorId));
    if (done) await this.clearDebts([order._id], event, () => this.markLogged(order._id, event));
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

  private async clearDebts(orderIds: readonly Types.ObjectId[], event: OrderEvent, clear: () => Promise<void>) {
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

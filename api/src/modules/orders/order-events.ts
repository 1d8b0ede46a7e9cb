import type { Logger } from "../../logger";
import type { LogService } from "../logs";
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
}

/**
 * The effects of order events. The change that makes an event also records it as owed on the order
 * (`pendingLog`, in the same conditional update); `record` then applies every effect and clears
 * the debt only when all of them are done. A crash in between leaves the debt, and recovery
 * records the event again, which the effects' idempotence turns into nothing new.
 */
export class OrderEvents {
  private readonly effects: OrderEventEffect[];

  constructor(
    private readonly store: OrderStore,
    logs: LogService,
    private readonly logger?: Logger,
  ) {
    this.effects = [
      {
        name: "log entry",
        apply: (order, event, actorId) =>
          logs.recordOnce(orderLogEntryId(order._id, event), orderLogEntry(order, event, actorId)),
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
    let done = true;
    for (const effect of this.effects) {
      try {
        done = (await effect.apply(order, event, actorId)) && done;
      } catch (error) {
        done = false;
        this.logger?.error(
          { err: error, orderId: order._id.toHexString(), event },
          `order event: ${effect.name} failed`,
        );
      }
    }
    if (done) await this.store.markLogged(order._id, event);
  }
}

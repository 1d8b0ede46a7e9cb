import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { LogLevel, LogType, type LogService } from "../logs";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import { orderLogEntry, type OrderEvent } from "./order-log";
import { OrderStatus } from "./order-status";
import { OrderModel, type OrderDocument } from "./order.model";
import type { OrderService } from "./order.service";

/** What a recovery pass did. */
export interface RecoveryReport {
  readonly reclaimed: number;
  readonly restored: number;
  readonly released: number;
}

/**
 * DESIGN.md step 7, run at start-up and every few seconds on every instance: expired claims go
 * back to PENDING with their holds restored, and any hold that belongs to no live claim and no
 * approved order is restored (or, for a shipped order, released). Every action is conditional, so
 * instances may run it at once and each effect still happens exactly once.
 */
export class OrderRecovery {
  constructor(
    private readonly orders: OrderService,
    private readonly products: ProductService,
    private readonly users: UserService,
    private readonly logs: LogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Told of every order put back to PENDING, so it is queued again. */
    private readonly requeue: (order: OrderDocument) => void,
    /** How long a change may go unlogged before recovery writes its entry (the claim lease). */
    private readonly graceMs: number,
  ) {}

  async run(): Promise<RecoveryReport> {
    const reclaimed = await this.reclaimExpired();
    const { restored, released } = await this.settleOrphanHolds();
    await this.logMissedEvents();
    if (reclaimed + restored + released > 0) {
      this.logger.info({ reclaimed, restored, released }, "order recovery");
      await this.logs.record({
        type: LogType.SCHEDULER,
        level: LogLevel.WARN,
        message: `Recovery: ${reclaimed} expired claim(s) requeued, ${restored} hold(s) restored, ${released} released`,
        data: { reclaimed, restored, released },
      });
    }
    return { reclaimed, restored, released };
  }

  /** PROCESSING orders whose lease ran out (their worker died or stalled) → PENDING. */
  private async reclaimExpired(): Promise<number> {
    const expired = await OrderModel.find({
      status: OrderStatus.PROCESSING,
      "claim.until": { $lt: this.clock.now() },
    }).exec();
    let count = 0;
    for (const order of expired) {
      const claimId = order.claim!.claimId;
      const waiting = await OrderModel.findOneAndUpdate(
        { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
        { $set: { status: OrderStatus.PENDING, claim: null } },
        { returnDocument: "after" },
      ).exec();
      if (waiting === null) continue;
      await this.orders.restoreHolds(order, claimId);
      this.orders.announce(waiting);
      this.requeue(waiting);
      count += 1;
    }
    return count;
  }

  /**
   * Writes the log entries that a crash between a change and its entry left out: for orders
   * placed or decided longer than the grace period ago whose entry is not marked written.
   */
  private async logMissedEvents(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.graceMs);
    const missed: Array<[OrderEvent, Record<string, unknown>]> = [
      ["placed", { createdAt: { $lt: cutoff }, loggedEvents: { $ne: "placed" } }],
      ["decided", { processedAt: { $lt: cutoff }, outcome: { $ne: null }, loggedEvents: { $ne: "decided" } }],
    ];
    for (const [event, filter] of missed) {
      for (const order of await OrderModel.find(filter).limit(500).exec()) {
        // Marked first, conditionally: of several instances recovering at once, one writes it.
        const claimed = await OrderModel.updateOne(
          { _id: order._id, loggedEvents: { $ne: event } },
          { $addToSet: { loggedEvents: event } },
        ).exec();
        if (claimed.modifiedCount === 1 && !(await this.logs.hasOrderEvent(order._id, event))) {
          await this.logs.record(orderLogEntry(order, event));
        }
      }
    }
  }

  private async settleOrphanHolds(): Promise<{ restored: number; released: number }> {
    const [products, users] = await Promise.all([this.products.withHolds(), this.users.withHolds()]);
    const holds = [
      ...products.flatMap((p) =>
        p.holds.map((h) => ({
          kind: "stock" as const,
          holderId: p._id,
          orderId: h.orderId,
          claimId: h.claimId,
          amount: h.quantity,
        })),
      ),
      ...users.flatMap((u) =>
        u.holds.map((h) => ({
          kind: "budget" as const,
          holderId: u._id,
          orderId: h.orderId,
          claimId: h.claimId,
          amount: h.amountCents,
        })),
      ),
    ];
    if (holds.length === 0) return { restored: 0, released: 0 };
    const orders = await OrderModel.find(
      { _id: { $in: [...new Set(holds.map((h) => h.orderId.toHexString()))] } },
      { status: 1, claim: 1, committedClaimId: 1 },
    ).exec();
    const byId = new Map(orders.map((o) => [o._id.toHexString(), o]));
    let restored = 0;
    let released = 0;
    for (const hold of holds) {
      const order = byId.get(hold.orderId.toHexString());
      const verdict = judge(order, hold.claimId);
      if (verdict === "keep") continue;
      if (verdict === "release") {
        if (await this.release(hold.kind, hold.holderId, hold.orderId)) released += 1;
      } else if (await this.restore(hold.kind, hold.holderId, hold.orderId, hold.amount, hold.claimId)) {
        restored += 1;
      }
    }
    return { restored, released };
  }

  private restore(
    kind: "stock" | "budget",
    holderId: Types.ObjectId,
    orderId: Types.ObjectId,
    amount: number,
    claimId: string,
  ) {
    return kind === "stock"
      ? this.products.restoreHold(holderId, orderId, amount, claimId)
      : this.users.restoreBudgetHold(holderId, orderId, amount, claimId);
  }

  private release(kind: "stock" | "budget", holderId: Types.ObjectId, orderId: Types.ObjectId) {
    return kind === "stock"
      ? this.products.releaseHold(holderId, orderId)
      : this.users.releaseBudgetHold(holderId, orderId);
  }
}

/**
 * A hold stays while its claim is live (PROCESSING under it) or committed (APPROVED with it); the
 * committed hold of a shipped order is released (sold), and every other hold is restored.
 */
function judge(
  order: Pick<OrderDocument, "status" | "claim" | "committedClaimId"> | undefined,
  claimId: string,
): "keep" | "restore" | "release" {
  if (order === undefined) return "restore";
  if (order.status === OrderStatus.PROCESSING && order.claim?.claimId === claimId) return "keep";
  if (order.status === OrderStatus.APPROVED && order.committedClaimId === claimId) return "keep";
  const sold = order.status === OrderStatus.SHIPPED || order.status === OrderStatus.DELIVERED;
  if (sold && order.committedClaimId === claimId) return "release";
  return "restore";
}

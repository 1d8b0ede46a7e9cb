import type { Logger } from "../../logger";
import { LogLevel, LogType, type LogService } from "../logs";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import { isCommitted, isLive, ORDER_EVENTS, type OrderClaimState, type OrderStore } from "./order-store";
import { OrderStatus } from "./order-status";
import type { OrderDocument } from "./order.model";
import type { OrderService } from "./order.service";

/** What a recovery pass did. */
export interface RecoveryReport {
  readonly reclaimed: number;
  readonly restored: number;
  readonly settled: number;
  readonly refunded: number;
  readonly logged: number;
}

/**
 * DESIGN.md step 7, run at start-up and every few seconds on every instance. Its work is
 * proportional to what is in flight, never to history: every query is index-backed and finds only
 * expired claims, pending refunds, holds still on documents, and log entries still owed. Every
 * action is conditional, so instances may run it at once, or twice, and each effect still happens
 * exactly once. Its first pass on a database of version 1 also settles the holds that approved
 * orders kept until shipment (the migration to version 2).
 */
export class OrderRecovery {
  private announced = false;

  constructor(
    private readonly orders: OrderService,
    private readonly store: OrderStore,
    private readonly products: ProductService,
    private readonly users: UserService,
    private readonly logs: LogService,
    private readonly logger: Logger,
    /** Told of every order put back to PENDING, so it is queued again. */
    private readonly requeue: (order: OrderDocument) => void,
  ) {}

  async run(): Promise<RecoveryReport> {
    // Once per process: a database from before refunds were announced gets its announcements.
    if (!this.announced) {
      await this.store.announcePendingRefunds();
      this.announced = true;
    }
    const reclaimed = await this.reclaimExpired();
    const refunded = await this.finishRefunds();
    const swept = await this.sweepHolds();
    const logged = await this.writeOwedLogEntries();
    await this.store.forgetFinishedRefunds();
    const report = { reclaimed, refunded, logged, ...swept };
    if (reclaimed + swept.restored + refunded > 0) {
      this.logger.info(report, "order recovery");
      await this.logs.record({
        type: LogType.SCHEDULER,
        level: LogLevel.WARN,
        message: `Recovery: ${reclaimed} expired claim(s) requeued, ${swept.restored} hold(s) restored, ${refunded} refund(s) finished`,
        data: { ...report },
      });
    }
    return report;
  }

  /** Expired claims → PENDING; only when that matched are the claim's holds given back. */
  private async reclaimExpired(): Promise<number> {
    let count = 0;
    for (const order of await this.store.expired()) {
      const claimId = order.claim?.claimId;
      if (claimId === undefined) continue;
      const waiting = await this.store.reclaimExpired(order._id, claimId);
      if (waiting === null) continue;
      await this.orders.restoreHolds(order, claimId);
      this.orders.announce(waiting);
      this.requeue(waiting);
      count += 1;
    }
    return count;
  }

  /** Cancelled approved orders whose refund a crash left unfinished. */
  private async finishRefunds(): Promise<number> {
    let count = 0;
    for (const order of await this.store.refunding()) if (await this.orders.refund(order)) count += 1;
    return count;
  }

  /**
   * Every hold still on a document, judged by its order read after the hold: (a) committed →
   * settle; (b) the committed claim of a cancelled order → refund; (c) a live claim → leave it;
   * (d) anything else → restore, conditional on its claim.
   */
  private async sweepHolds(): Promise<{ restored: number; settled: number }> {
    let restored = 0;
    let settled = 0;
    for (const ledger of [this.products.stockHolds, this.users.budgetHolds]) {
      const holders = await ledger.holders();
      const holds = holders.flatMap(({ holderId, holds }) => holds.map((hold) => ({ holderId, ...hold })));
      const orders = await this.store.claimStates(holds.map((h) => h.orderId));
      for (const hold of holds) {
        const order = orders.get(hold.orderId.toHexString());
        const verdict = judge(order, hold.claimId);
        if (verdict === "keep") continue;
        if (verdict === "settle") {
          if (await ledger.settle(hold.holderId, hold.orderId, hold.claimId)) settled += 1;
        } else if (verdict === "refund") {
          await ledger.refund(hold.holderId, hold.orderId, hold.amount, hold.claimId);
        } else if (await ledger.restore(hold.holderId, hold.orderId, hold.amount, hold.claimId)) {
          restored += 1;
        }
      }
    }
    return { restored, settled };
  }

  /** Log entries owed by changes whose writer stopped before writing them (each exactly once). */
  private async writeOwedLogEntries(): Promise<number> {
    const owed = (await this.store.owingLogEntries()).flatMap((order) =>
      ORDER_EVENTS.filter((e) => order.pendingLog.includes(e)).map((event) => ({ order, event })),
    );
    await this.orders.events.recordAll(owed);
    return owed.length;
  }
}

/** DESIGN.md step 7's verdict on a hold of claim `claimId`, given its order read after the hold. */
export function judge(order: OrderClaimState | undefined, claimId: string): "settle" | "refund" | "keep" | "restore" {
  if (isCommitted(order, claimId)) return "settle";
  if (order?.status === OrderStatus.CANCELLED && order.committedClaimId === claimId) return "refund";
  if (isLive(order, claimId)) return "keep";
  return "restore";
}

import { randomUUID } from "node:crypto";
import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import type { WorkOutcome } from "../../scheduler/scheduler";
import type { LogService } from "../logs";
import { logOrderEvent } from "./order-log";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import { OrderStatus } from "./order-status";
import { OrderModel, type OrderDocument } from "./order.model";
import type { OrderService } from "./order.service";

export interface ProcessorOptions {
  /** This process's id in claims. */
  readonly owner: string;
  /** How long a claim stays valid without renewal; the worker renews it every third of that. */
  readonly leaseMs: number;
  /** A pause between claim and processing, so people can watch orders move. */
  readonly delayMs: number;
  readonly agingPerSec: number;
  /** Told of every decision (for metrics). */
  readonly onDecided?: (outcome: "APPROVED" | "REJECTED", waitMs: number) => void;
}

/** What this claim holds so far: the first `lines` lines' units, and the budget. */
interface Taken {
  lines: number;
  budget: boolean;
}

/** Why a step could not take what it needed. */
type Shortfall = { kind: "reject"; reason: string } | { kind: "wait" } | { kind: "lost" };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Processes one order, all or nothing, without transactions (DESIGN.md, "holds"): claim it, hold
 * each line's stock in productId order, hold the budget, then commit by the order's own status.
 * Every step is one conditional single-document update, so a crash at any point leaves holds that
 * recovery (order-recovery.ts) restores exactly once, and nothing is ever oversold or overspent.
 */
export class OrderProcessor {
  constructor(
    private readonly orders: OrderService,
    private readonly products: ProductService,
    private readonly users: UserService,
    private readonly logs: LogService,
    private readonly clock: Clock,
    private readonly options: ProcessorOptions,
  ) {}

  /** Processes the order if it is still PENDING; "retry" when it went back to wait for stock. */
  async process(orderId: string): Promise<WorkOutcome> {
    const claimId = randomUUID();
    const order = await this.claim(orderId, claimId);
    if (order === null) return "done"; // another worker has it, or it is no longer pending
    this.orders.announce(order);
    const renewal = setInterval(() => void this.renew(order._id, claimId), Math.max(50, this.options.leaseMs / 3));
    try {
      if (this.options.delayMs > 0) await sleep(this.options.delayMs);
      const taken: Taken = { lines: 0, budget: false };
      const shortfall = (await this.holdStock(order, claimId, taken)) ?? (await this.holdBudget(order, claimId, taken));
      if (shortfall === null) return await this.commit(order, claimId);
      if (shortfall.kind === "reject") return await this.reject(order, claimId, shortfall.reason, taken);
      if (shortfall.kind === "wait") return await this.backToPending(order, claimId, taken);
      return "done";
    } finally {
      clearInterval(renewal);
    }
  }

  /** Step 1: PENDING → PROCESSING under a fresh claim with a lease. */
  private async claim(orderId: string, claimId: string): Promise<OrderDocument | null> {
    const now = this.clock.now();
    return OrderModel.findOneAndUpdate(
      { _id: orderId, status: OrderStatus.PENDING },
      {
        $set: {
          status: OrderStatus.PROCESSING,
          claim: { claimId, owner: this.options.owner, until: new Date(now.getTime() + this.options.leaseMs) },
          claimedAt: now,
        },
      },
      { returnDocument: "after" },
    ).exec();
  }

  private async renew(orderId: Types.ObjectId, claimId: string): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.options.leaseMs);
    await OrderModel.updateOne(
      { _id: orderId, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      { $set: { "claim.until": until } },
    )
      .exec()
      .catch(() => undefined); // a missed renewal only shortens the lease
  }

  /** Step 2, for every line in productId order. */
  private async holdStock(order: OrderDocument, claimId: string, taken: Taken): Promise<Shortfall | null> {
    for (const line of order.items) {
      for (let attempt = 0; ; attempt++) {
        if (await this.products.takeHold(line.productId, order._id, claimId, line.quantity)) {
          taken.lines += 1;
          break;
        }
        const state = await this.products.stockState(line.productId);
        if (state === null || state.deletedAt !== null) {
          return { kind: "reject", reason: `Product "${line.productName}" no longer exists.` };
        }
        const mine = state.holds.find((h) => h.orderId.equals(order._id));
        if (mine !== undefined && mine.claimId !== claimId && attempt < 3) {
          // A hold of this order from a dead claim: give it back, then try again.
          await this.products.restoreHold(line.productId, order._id, mine.quantity, mine.claimId);
          continue;
        }
        if (mine !== undefined) return { kind: "lost" };
        const heldInFlight = await this.heldByOrdersInFlight(
          state.holds.map((h) => ({ orderId: h.orderId, amount: h.quantity })),
        );
        if (state.stock + heldInFlight >= line.quantity) return { kind: "wait" };
        return {
          kind: "reject",
          reason: `Not enough stock for "${line.productName}": ${line.quantity} wanted, ${state.stock} available.`,
        };
      }
    }
    return null;
  }

  /** Step 3. */
  private async holdBudget(order: OrderDocument, claimId: string, taken: Taken): Promise<Shortfall | null> {
    for (let attempt = 0; ; attempt++) {
      if (await this.users.takeBudgetHold(order.customerId, order._id, claimId, order.totalCents)) {
        taken.budget = true;
        return null;
      }
      const state = await this.users.budgetState(order.customerId);
      if (state === null || state.deletedAt !== null)
        return { kind: "reject", reason: "The customer's account no longer exists." };
      const mine = state.holds.find((h) => h.orderId.equals(order._id));
      if (mine !== undefined && mine.claimId !== claimId && attempt < 3) {
        await this.users.restoreBudgetHold(order.customerId, order._id, mine.amountCents, mine.claimId);
        continue;
      }
      if (mine !== undefined) return { kind: "lost" };
      const heldInFlight = await this.heldByOrdersInFlight(
        state.holds.map((h) => ({ orderId: h.orderId, amount: h.amountCents })),
      );
      if (state.budgetCents + heldInFlight >= order.totalCents) return { kind: "wait" };
      return {
        kind: "reject",
        reason: `Insufficient budget: the order costs ${order.totalCents} cents, ${state.budgetCents} cents are available.`,
      };
    }
  }

  /** What the holds of orders still PROCESSING (not yet approved or rejected) add up to. */
  private async heldByOrdersInFlight(
    holds: ReadonlyArray<{ orderId: Types.ObjectId; amount: number }>,
  ): Promise<number> {
    if (holds.length === 0) return 0;
    const inFlight = await OrderModel.find(
      { _id: { $in: holds.map((h) => h.orderId) }, status: OrderStatus.PROCESSING },
      { _id: 1 },
    ).exec();
    const ids = new Set(inFlight.map((o) => o._id.toHexString()));
    return holds.filter((h) => ids.has(h.orderId.toHexString())).reduce((sum, h) => sum + h.amount, 0);
  }

  /** Step 4: the commit point. If the claim was lost meanwhile, touch nothing more. */
  private async commit(order: OrderDocument, claimId: string): Promise<WorkOutcome> {
    const now = this.clock.now();
    const approved = await OrderModel.findOneAndUpdate(
      { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      {
        $set: {
          status: OrderStatus.APPROVED,
          committedClaimId: claimId,
          outcome: OrderStatus.APPROVED,
          processedAt: now,
          processedMinute: new Date(now.getTime() - (now.getTime() % 60_000)),
          waitMs: now.getTime() - order.createdAt.getTime(),
          claim: null,
        },
      },
      { returnDocument: "after" },
    ).exec();
    if (approved === null) return "done";
    this.options.onDecided?.("APPROVED", approved.waitMs ?? 0);
    this.orders.announce(approved);
    await logOrderEvent(this.logs, approved, "decided");
    return "done";
  }

  /** Step 5: REJECTED with its reason (conditional on the claim), then this claim's holds back. */
  private async reject(order: OrderDocument, claimId: string, reason: string, taken: Taken): Promise<WorkOutcome> {
    const now = this.clock.now();
    const rejected = await OrderModel.findOneAndUpdate(
      { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      {
        $set: {
          status: OrderStatus.REJECTED,
          reason,
          outcome: OrderStatus.REJECTED,
          processedAt: now,
          processedMinute: new Date(now.getTime() - (now.getTime() % 60_000)),
          waitMs: now.getTime() - order.createdAt.getTime(),
          claim: null,
        },
      },
      { returnDocument: "after" },
    ).exec();
    if (rejected === null) return "done";
    this.options.onDecided?.("REJECTED", rejected.waitMs ?? 0);
    await this.giveBack(order, claimId, taken);
    this.orders.announce(rejected);
    await logOrderEvent(this.logs, rejected, "decided");
    return "done";
  }

  /** Stock or budget may free up when other orders in flight settle: wait in the queue again. */
  private async backToPending(order: OrderDocument, claimId: string, taken: Taken): Promise<WorkOutcome> {
    const waiting = await OrderModel.findOneAndUpdate(
      { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      { $set: { status: OrderStatus.PENDING, claim: null } },
      { returnDocument: "after" },
    ).exec();
    if (waiting === null) return "done";
    await this.giveBack(order, claimId, taken);
    this.orders.announce(waiting);
    return "retry";
  }

  /**
   * Gives back what this claim took (after its order left PROCESSING). A crash before this ends
   * is repaired by recovery, which restores any hold of a claim that is no longer live.
   */
  private async giveBack(order: OrderDocument, claimId: string, taken: Taken): Promise<void> {
    for (const line of order.items.slice(0, taken.lines)) {
      await this.products.restoreHold(line.productId, order._id, line.quantity, claimId);
    }
    if (taken.budget) await this.users.restoreBudgetHold(order.customerId, order._id, order.totalCents, claimId);
  }
}

import { randomUUID } from "node:crypto";
import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import type { HoldLedger, HoldShare, HolderState } from "../../db/hold-ledger";
import type { StepEvidence } from "../../lib/seam";
import type { WorkOutcome } from "../../scheduler/scheduler";
import type { ProductService } from "../products";
import type { UserService } from "../users";
import { OrderRejectionCode, type NewRejection } from "./order-rejection";
import { isCommitted, type OrderStore, type RefundScope } from "./order-store";
import { OrderStatus } from "./order-status";
import type { OrderDocument } from "./order.model";
import type { OrderService } from "./order.service";

/** Known faults of holds version 1, put back on purpose: only the explorer's proof that it finds them. */
export type ReintroducedBug = "finding-1" | "finding-2";

export interface ProcessorOptions {
  /** This process's id in claims. */
  readonly owner: string;
  /** How long a claim stays valid without renewal. */
  readonly leaseMs: number;
  /**
   * How often this process renews its claims (a third of the lease by default); 0 renews only
   * when `renewClaims()` is called (the explorer schedules renewals itself).
   */
  readonly renewEveryMs?: number;
  /** A pause between claim and processing, so people can watch orders move. */
  readonly delayMs: number;
  /** How long an order sent back to wait stays unclaimable. @default 200 */
  readonly backoffMs?: number;
  /** Told of every decision (for metrics). */
  readonly onDecided?: (outcome: "APPROVED" | "REJECTED", waitMs: number) => void;
  /** Never in production: see ReintroducedBug. */
  readonly reintroduce?: ReadonlySet<ReintroducedBug>;
}

/** A claim this process is working under; aborted at once when a renewal finds it gone. */
class Lease {
  lost = false;
  constructor(
    readonly orderId: Types.ObjectId,
    readonly claimId: string,
  ) {}

  /** @throws ClaimLost once the claim is known to be gone. */
  check(): void {
    if (this.lost) throw new ClaimLost();
  }
}

class ClaimLost extends Error {
  constructor() {
    super("the claim was lost");
  }
}

/** What this claim holds so far: the first `lines` lines' units, and the budget. */
interface Taken {
  lines: number;
  budget: boolean;
}

/** Why a step could not take what it needed. */
type Shortfall =
  { kind: "reject"; rejection: NewRejection; evidence?: StepEvidence } | { kind: "wait" } | { kind: "lost" };

const ACCOUNT_DELETED: NewRejection = { code: OrderRejectionCode.CUSTOMER_DELETED };
const MAX_HOLD_ATTEMPTS = 4;

/** What each line of an order takes from its product. */
const stockShares = (lines: OrderDocument["items"]): HoldShare[] =>
  lines.map((line) => ({ holderId: line.productId, amount: line.quantity }));

/** What a hold's shortfall is called, and where its refunds in transit are looked for. */
interface HoldWords {
  readonly gone: NewRejection;
  readonly short: (state: HolderState) => NewRejection;
  readonly refundsInTransit: RefundScope;
  readonly refundAmount: (order: OrderDocument) => number;
}

/** The words of an order line's stock hold. */
const lineWords = (line: OrderDocument["items"][number]): HoldWords => ({
  gone: { code: OrderRejectionCode.PRODUCT_DELETED, productId: line.productId, productName: line.productName },
  short: (state) => ({
    code: OrderRejectionCode.INSUFFICIENT_STOCK,
    productId: line.productId,
    productName: line.productName,
    requestedQuantity: line.quantity,
    availableQuantity: state.available,
  }),
  refundsInTransit: { productIds: line.productId },
  refundAmount: (o) => o.items.find((l) => l.productId.equals(line.productId))?.quantity ?? 0,
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Processes one order, all or nothing, without transactions (DESIGN.md, "holds", version 2): claim
 * it, hold its lines' stock (all in one command, or line by line in productId order when one falls
 * short), hold the budget, commit by the order's own status, then settle the committed holds (in
 * the background, with the event's effects, when batched). Every step is a conditional update of
 * one document (a bulk step sends several in one command), fenced by the claim, so a worker paused
 * past its lease, a crash at any point, or a step run twice leaves nothing that recovery
 * (order-recovery.ts) cannot finish exactly once.
 */
export class OrderProcessor {
  private readonly leases = new Set<Lease>();
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orders: OrderService,
    private readonly store: OrderStore,
    private readonly products: ProductService,
    private readonly users: UserService,
    private readonly clock: Clock,
    private readonly options: ProcessorOptions,
  ) {}

  /** Starts renewing this process's claims on a timer. */
  start(): void {
    const every = this.options.renewEveryMs ?? Math.max(50, Math.floor(this.options.leaseMs / 3));
    if (every > 0 && this.renewTimer === undefined) {
      this.renewTimer = setInterval(() => void this.renewClaims().catch(() => undefined), every);
      this.renewTimer.unref();
    }
  }

  stop(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** Renews every claim in progress; a claim found gone is abandoned at its next step. */
  async renewClaims(): Promise<void> {
    for (const lease of [...this.leases]) {
      if (!lease.lost && !(await this.store.renew(lease.orderId, lease.claimId, this.options.leaseMs))) {
        lease.lost = true;
      }
    }
  }

  /** Processes the order if it is still PENDING; "retry" when it went back to wait. */
  async process(orderId: string): Promise<WorkOutcome> {
    const claimId = randomUUID();
    const order = await this.store.claim(orderId, claimId, this.options.owner, this.options.leaseMs);
    if (order === null) return "done"; // another worker has it, or it is not claimable now
    const lease = new Lease(order._id, claimId);
    this.leases.add(lease);
    const taken: Taken = { lines: 0, budget: false };
    try {
      this.orders.announce(order);
      if (order.customerDeleted) return await this.reject(order, lease, ACCOUNT_DELETED, taken);
      if (this.options.delayMs > 0) await sleep(this.options.delayMs);
      const shortfall = (await this.holdStock(order, lease, taken)) ?? (await this.holdBudget(order, lease, taken));
      if (shortfall === null) return await this.commit(order, lease, taken);
      if (shortfall.kind === "reject") {
        if (shortfall.evidence !== undefined) await this.store.step("decide:shortfall", shortfall.evidence);
        return await this.reject(order, lease, shortfall.rejection, taken);
      }
      if (shortfall.kind === "wait") return await this.backToPending(order, lease, taken);
      return "done";
    } catch (error) {
      if (error instanceof ClaimLost) return "done"; // recovery gives back what this claim took
      throw error;
    } finally {
      this.leases.delete(lease);
    }
  }

  /**
   * Step 2: every line at once when the order has several. When that falls short, one read of the
   * lines' products: a line that can never be taken rejects the order at once; otherwise (or with
   * one line) line by line in productId order, which says why.
   */
  private async holdStock(order: OrderDocument, lease: Lease, taken: Taken): Promise<Shortfall | null> {
    if (order.items.length > 1) {
      lease.check();
      const shares = stockShares(order.items);
      const took = await this.products.stockHolds.takeAll(shares, order._id, lease.claimId);
      // Until given back, every line counts as taken (giving back is a no-op for a line this claim
      // took nothing of).
      taken.lines = order.items.length;
      if (took.held) return null;
      const forGood = await this.shortForGood(order, lease, took.states);
      if (forGood !== null) return forGood;
      // Give back what this claim holds, so that the lines below are taken in order and no other
      // order waits for a line of this one that waits itself.
      await this.products.stockHolds.restoreAll(shares, order._id, lease.claimId);
      taken.lines = 0;
    }
    for (const line of order.items) {
      const shortfall = await this.hold(
        this.products.stockHolds,
        line.productId,
        order,
        lease,
        line.quantity,
        lineWords(line),
      );
      if (shortfall !== null) return shortfall;
      taken.lines += 1;
    }
    return null;
  }

  /**
   * After the lines' bulk take fell short: the first line, in productId order, that no wait can
   * bring (its product deleted, or short even with every hold and refund on its way back), from
   * one read of the lines' products (the take's own, when its group made one); null when there is
   * none. A line this order holds is passed over (the line-by-line path sorts out whose hold it is).
   */
  private async shortForGood(
    order: OrderDocument,
    lease: Lease,
    read: ReadonlyMap<string, HolderState> | null,
  ): Promise<Shortfall | null> {
    lease.check();
    const ledger = this.products.stockHolds;
    const states = read ?? (await ledger.readMany(order.items.map((line) => line.productId)));
    for (const line of order.items) {
      const state = states.get(line.productId.toHexString()) ?? null;
      if (state?.holds.some((h) => h.orderId.equals(order._id)) === true) continue;
      const shortfall = await this.judge(ledger, line.productId, order, state, line.quantity, lineWords(line));
      if (shortfall?.kind === "reject") return shortfall;
    }
    return null;
  }

  /** Step 3. */
  private async holdBudget(order: OrderDocument, lease: Lease, taken: Taken): Promise<Shortfall | null> {
    const shortfall = await this.hold(this.users.budgetHolds, order.customerId, order, lease, order.totalCents, {
      gone: ACCOUNT_DELETED,
      short: (state) => ({
        code: OrderRejectionCode.INSUFFICIENT_BUDGET,
        requiredCents: order.totalCents,
        availableCents: state.available,
      }),
      refundsInTransit: { customerId: order.customerId },
      refundAmount: (o) => o.totalCents,
    });
    if (shortfall === null) taken.budget = true;
    return shortfall;
  }

  /**
   * Takes `amount` from the holder under this claim. When that fails, one fresh read says why: our
   * own earlier take (done), another claim's hold of this order (restored only while this claim is
   * provably the live one), a deleted holder (reject), or a shortfall that may still come back
   * (wait) or cannot (reject).
   */
  private async hold(
    ledger: HoldLedger,
    holderId: Types.ObjectId,
    order: OrderDocument,
    lease: Lease,
    amount: number,
    words: HoldWords,
  ): Promise<Shortfall | null> {
    for (let attempt = 0; attempt < MAX_HOLD_ATTEMPTS; attempt++) {
      lease.check();
      const took = await ledger.take(holderId, order._id, lease.claimId, amount);
      if (took.held) return null;
      lease.check();
      const state =
        took.states === null ? await ledger.read(holderId) : (took.states.get(holderId.toHexString()) ?? null);
      const mine = state === null || state.deleted ? undefined : state.holds.find((h) => h.orderId.equals(order._id));
      if (mine?.claimId === lease.claimId) return null; // the take applied; its answer was lost
      if (mine !== undefined) {
        // Another claim's hold of this order: dead for good only if this claim is the live one.
        if (!this.options.reintroduce?.has("finding-1")) {
          lease.check();
          const current = await this.store.read(order._id);
          if (current?.status !== OrderStatus.PROCESSING || current.claim?.claimId !== lease.claimId) {
            return { kind: "lost" };
          }
        }
        await ledger.restore(holderId, order._id, mine.amount, mine.claimId);
        continue;
      }
      const shortfall = await this.judge(ledger, holderId, order, state, amount, words);
      if (shortfall !== null) return shortfall;
      // It came back between the take and the read: take again.
    }
    return { kind: "wait" };
  }

  /**
   * Why `amount` could not be taken from a holder that one fresh read found in `state` (holding
   * nothing of this order): gone, back already (null), short for now (wait), or for good (reject).
   */
  private async judge(
    ledger: HoldLedger,
    holderId: Types.ObjectId,
    order: OrderDocument,
    state: HolderState | null,
    amount: number,
    words: HoldWords,
  ): Promise<Shortfall | null> {
    if (state === null || state.deleted) return { kind: "reject", rejection: words.gone };
    if (state.available >= amount) return null;
    const comingBack = await this.comingBack(order, state, words.refundsInTransit, words.refundAmount);
    if (state.available + comingBack >= amount) return { kind: "wait" };
    return {
      kind: "reject",
      rejection: words.short(state),
      evidence: {
        kind: "shortfall",
        orderId: order._id.toHexString(),
        ledger: ledger.name,
        holderId: holderId.toHexString(),
        wanted: amount,
        available: state.available,
        holds: state.holds.map((h) => ({ orderId: h.orderId.toHexString(), claimId: h.claimId, amount: h.amount })),
      },
    };
  }

  /**
   * What will come back to the holder (DESIGN.md step 2): every hold that is not committed (the
   * orders read after the holder), plus refunds of cancelled approved orders not yet received here.
   */
  private async comingBack(
    order: OrderDocument,
    state: HolderState,
    refundsInTransit: RefundScope,
    refundAmount: (order: OrderDocument) => number,
  ): Promise<number> {
    const others = state.holds.filter((h) => !h.orderId.equals(order._id));
    const orders = await this.store.claimStates(others.map((h) => h.orderId));
    if (this.options.reintroduce?.has("finding-2")) {
      // Version 1: only the holds of orders still PROCESSING were counted.
      return others
        .filter((h) => orders.get(h.orderId.toHexString())?.status === OrderStatus.PROCESSING)
        .reduce((sum, h) => sum + h.amount, 0);
    }
    let sum = others
      .filter((h) => !isCommitted(orders.get(h.orderId.toHexString()), h.claimId))
      .reduce((total, h) => total + h.amount, 0);
    const onTheWay = await this.store.refunding(refundsInTransit);
    for (const refunding of onTheWay) {
      const received = state.refunds.some((id) => id.equals(refunding._id));
      const held = state.holds.some((h) => h.orderId.equals(refunding._id));
      if (!received && !held) sum += refundAmount(refunding);
    }
    return sum;
  }

  /** Step 4, the commit point, then step 5's settle. A worker that lost its claim touches nothing more. */
  private async commit(order: OrderDocument, lease: Lease, taken: Taken): Promise<WorkOutcome> {
    lease.check();
    const approved = await this.store.commit(order, lease.claimId);
    if (approved === null) {
      // The customer may have been deleted meanwhile: then this claim rejects instead.
      const current = await this.store.read(order._id);
      if (
        current?.customerDeleted &&
        current.status === OrderStatus.PROCESSING &&
        current.claim?.claimId === lease.claimId
      ) {
        return this.reject(order, lease, ACCOUNT_DELETED, taken);
      }
      return "done";
    }
    this.options.onDecided?.("APPROVED", approved.waitMs ?? 0);
    this.orders.announce(approved);
    await this.orders.afterApproval(approved, lease.claimId);
    return "done";
  }

  /**
   * Step 5: REJECTED with its reason (conditional on the claim), then this claim's holds back (in
   * the background when follow-ups are: the worker moves on to its next order).
   */
  private async reject(
    order: OrderDocument,
    lease: Lease,
    rejection: NewRejection,
    taken: Taken,
  ): Promise<WorkOutcome> {
    lease.check();
    const rejected = await this.store.reject(order, lease.claimId, rejection);
    if (rejected === null) return "done";
    this.options.onDecided?.("REJECTED", rejected.waitMs ?? 0);
    this.orders.announce(rejected);
    await this.orders.afterRejection(rejected, () => this.giveBack(order, lease.claimId, taken));
    return "done";
  }

  /** Stock or budget may come back: wait in the queue again (not claimable for a moment). */
  private async backToPending(order: OrderDocument, lease: Lease, taken: Taken): Promise<WorkOutcome> {
    lease.check();
    const notBefore = new Date(this.clock.now().getTime() + (this.options.backoffMs ?? 200));
    const waiting = await this.store.backToPending(order, lease.claimId, notBefore);
    if (waiting === null) return "done";
    await this.giveBack(order, lease.claimId, taken);
    this.orders.announce(waiting);
    return "retry";
  }

  /**
   * Gives back what this claim took, after its order left PROCESSING (so the claim can never
   * commit). A crash before this ends is repaired by recovery, which restores any hold of a claim
   * that is neither live nor committed.
   */
  private async giveBack(order: OrderDocument, claimId: string, taken: Taken): Promise<void> {
    const lines = order.items.slice(0, taken.lines);
    if (lines.length > 1) {
      await this.products.stockHolds.restoreAll(stockShares(lines), order._id, claimId);
    } else {
      for (const line of lines) {
        await this.products.stockHolds.restore(line.productId, order._id, line.quantity, claimId);
      }
    }
    if (taken.budget) await this.users.budgetHolds.restore(order.customerId, order._id, order.totalCents, claimId);
  }
}

import { Types, type mongo } from "mongoose";
import type { Clock } from "../../clock";
import { GroupedUpdates } from "../../db/grouped-updates";
import type { Seam, StepEvidence } from "../../lib/seam";
import { rejectionReason, toRejectionEntity, type NewRejection } from "./order-rejection";
import { OrderStatus } from "./order-status";
import { OrderModel, RefundInTransitModel, type OrderDocument, type OrderEntity } from "./order.model";

/** Statuses whose committed claim's holds are sold units and spent money. */
export const COMMITTED_STATUSES: ReadonlySet<OrderStatus> = new Set([
  OrderStatus.APPROVED,
  OrderStatus.SHIPPED,
  OrderStatus.DELIVERED,
]);

/** An order's log events: each written once, by whoever gets there first. */
export type OrderEvent = "placed" | "decided" | "cancelled" | "shipped" | "delivered";

/** Every event, in the order they can happen to one order. */
export const ORDER_EVENTS: readonly OrderEvent[] = ["placed", "decided", "cancelled", "shipped", "delivered"];

/** The timestamps an order's events write with them. */
export type EventTimes = Pick<OrderEntity, "createdAt" | "processedAt" | "cancelledAt" | "shippedAt" | "deliveredAt">;

/**
 * When the event happened: the timestamp written in the same update as the event, so every
 * application of its effects, however late, finds the same time. Orders changed before those
 * timestamps existed fall back to their creation.
 */
export function eventTime(order: EventTimes, event: OrderEvent): Date {
  const at: Record<OrderEvent, Date | null | undefined> = {
    placed: order.createdAt,
    decided: order.processedAt,
    cancelled: order.cancelledAt,
    shipped: order.shippedAt,
    delivered: order.deliveredAt,
  };
  return at[event] ?? order.createdAt;
}

/** The event of a fulfilment step. */
export const fulfilmentEvent = (to: OrderStatus.SHIPPED | OrderStatus.DELIVERED): OrderEvent =>
  to === OrderStatus.SHIPPED ? "shipped" : "delivered";

/** Whose refunds in transit to look for: a product's or a customer's. */
export type RefundScope = { productIds?: Types.ObjectId; customerId?: Types.ObjectId };

/** What deciding whether a hold is committed needs of its order. */
export type OrderClaimState = Pick<OrderDocument, "_id" | "status" | "claim" | "committedClaimId">;

/** True when `claimId` is the committed claim of an APPROVED, SHIPPED or DELIVERED order. */
export function isCommitted(order: OrderClaimState | undefined | null, claimId: string): boolean {
  return (
    order !== undefined && order !== null && COMMITTED_STATUSES.has(order.status) && order.committedClaimId === claimId
  );
}

/** True when `claimId` is the live claim of a PROCESSING order (expired or not). */
export function isLive(order: OrderClaimState | undefined | null, claimId: string): boolean {
  return order?.status === OrderStatus.PROCESSING && order.claim?.claimId === claimId;
}

/** The fields a rejection sets: its text reason and, for programs, its code and figures. */
const rejected = (rejection: NewRejection) => ({
  reason: rejectionReason(rejection),
  rejection: toRejectionEntity(rejection),
});

/** A worker's decision: its conditional update, and the order as it leaves the update. */
interface Decision {
  readonly filter: mongo.Filter<OrderEntity>;
  readonly update: mongo.UpdateFilter<OrderEntity>;
  readonly after: OrderDocument;
}

const minuteOf = (at: Date) => new Date(at.getTime() - (at.getTime() % 60_000));

/**
 * The order document's steps in the pipeline (DESIGN.md, "holds", version 2): each one conditional
 * single-document update or one fresh read, passing the seam first. The status is the commit point,
 * and every transition out of PROCESSING is conditional on the claim, so a worker that lost its
 * claim can change nothing. The pipeline's updates and reads go through the driver and answer plain
 * objects: the steps read fields only, and mongoose's query and document per step cost more CPU
 * than the step's command.
 */
export class OrderStore {
  /** The commits of concurrent workers, sent together (see GroupedUpdates). */
  private readonly commits = new GroupedUpdates<Decision, OrderDocument | null>({
    collection: () => this.orders as unknown as mongo.Collection<mongo.Document>,
    updatesOf: (commit) => [commit],
    alone: (commit) => this.decide(commit),
    applied: (commit) => commit.after,
    verify: async (commits) => {
      const ids = commits.map((commit) => commit.after._id);
      const docs = await this.orders.find({ _id: { $in: ids } }, { projection: { committedClaimId: 1 } }).toArray();
      const committed = new Map(docs.map((doc) => [doc._id.toHexString(), doc.committedClaimId]));
      return commits.map((commit) =>
        committed.get(commit.after._id.toHexString()) === commit.after.committedClaimId ? commit.after : null,
      );
    },
  });

  constructor(
    private readonly clock: Clock,
    private readonly seam: Seam,
  ) {}

  /**
   * The orders through the driver, for the pipeline's steps. Their filters and updates carry values
   * of the stored types already, so mongoose's casting, hooks and query objects were pure overhead:
   * about 0.7 ms of API CPU per order while a backlog drains (docs/performance.md, "Mongoose off
   * the order's path"). `updatedAt`, which mongoose's timestamps kept, is set here.
   */
  private get orders(): mongo.Collection<OrderEntity> {
    return OrderModel.collection as unknown as mongo.Collection<OrderEntity>;
  }

  /** One conditional update of one order: the order after it, or null when the filter did not match. */
  private transition(filter: mongo.Filter<OrderEntity>, update: mongo.UpdateFilter<OrderEntity>) {
    const withTime = { ...update, $set: { ...update.$set, updatedAt: this.clock.now() } };
    return this.orders.findOneAndUpdate(filter, withTime, {
      returnDocument: "after",
    }) as Promise<OrderDocument | null>;
  }

  /** An interleaving point for a step outside the order document (a log write). */
  step(name: string, evidence?: StepEvidence): Promise<void> {
    return this.seam.before(name, evidence);
  }

  /** Step 1: PENDING → PROCESSING under a fresh claim, unless it must wait (`notBefore`). */
  async claim(orderId: string | Types.ObjectId, claimId: string, owner: string, leaseMs: number) {
    await this.seam.before("order:claim");
    const now = this.clock.now();
    return this.transition(
      { _id: new Types.ObjectId(orderId), status: OrderStatus.PENDING, notBefore: { $not: { $gt: now } } },
      {
        $set: {
          status: OrderStatus.PROCESSING,
          claim: { claimId, owner, until: new Date(now.getTime() + leaseMs) },
          claimedAt: now,
        },
      },
    );
  }

  /** Extends the claim's lease; false when the claim is gone (the worker must stop). */
  async renew(orderId: Types.ObjectId, claimId: string, leaseMs: number): Promise<boolean> {
    await this.seam.before("order:renew");
    const until = new Date(this.clock.now().getTime() + leaseMs);
    const result = await this.orders.updateOne(
      { _id: orderId, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      { $set: { "claim.until": until, updatedAt: this.clock.now() } },
    );
    return result.matchedCount === 1;
  }

  /** One fresh read of an order. */
  async read(orderId: Types.ObjectId): Promise<OrderDocument | null> {
    await this.seam.before("order:read");
    return this.orders.findOne({ _id: orderId }) as Promise<OrderDocument | null>;
  }

  /** Fresh reads of the claim state of several orders (to judge holds). */
  async claimStates(orderIds: readonly Types.ObjectId[]): Promise<Map<string, OrderClaimState>> {
    if (orderIds.length === 0) return new Map();
    await this.seam.before("order:claim-states");
    const docs = await this.orders
      .find({ _id: { $in: [...orderIds] } }, { projection: { status: 1, claim: 1, committedClaimId: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d._id.toHexString(), d as OrderClaimState]));
  }

  /**
   * Before an approved order is cancelled: its refund may be on its way from now on. Written first,
   * so that every order with `refundPending` has one (see RefundInTransitEntity).
   */
  async announceRefund(order: Pick<OrderDocument, "_id" | "items" | "customerId">): Promise<void> {
    await this.seam.before("order:refund-announce");
    await RefundInTransitModel.updateOne(
      { _id: order._id },
      { $setOnInsert: { productIds: order.items.map((l) => l.productId), customerId: order.customerId } },
      { upsert: true },
    ).exec();
  }

  /**
   * Cancelled approved orders whose refund is still on its way, to the product or the customer of
   * `scope` (all when none): the announced refunds, then their orders by id.
   */
  async refunding(scope: RefundScope = {}, limit = 500): Promise<OrderDocument[]> {
    await this.seam.before("order:refunding");
    const announced = await RefundInTransitModel.collection.find(scope, { projection: { _id: 1 }, limit }).toArray();
    if (announced.length === 0) return [];
    return this.orders.find({ _id: { $in: announced.map((a) => a._id) }, refundPending: true }).toArray() as Promise<
      OrderDocument[]
    >;
  }

  /**
   * Forgets announced refunds whose order can never owe one again: cancelled with the refund done,
   * shipped, delivered, or never approved. An order still APPROVED keeps its announcement (its
   * canceller may be on its way).
   * @returns how many were forgotten
   */
  async forgetFinishedRefunds(limit = 500): Promise<number> {
    const announced = await RefundInTransitModel.find({}, { _id: 1 }).limit(limit).lean().exec();
    if (announced.length === 0) return 0;
    const orders = await OrderModel.find({ _id: { $in: announced.map((a) => a._id) } }, { status: 1, refundPending: 1 })
      .lean()
      .exec();
    const status = new Map(orders.map((o) => [o._id.toHexString(), o]));
    const finished = announced.filter((a) => {
      const order = status.get(a._id.toHexString());
      return order !== undefined && order.status !== OrderStatus.APPROVED && order.refundPending !== true;
    });
    if (finished.length === 0) return 0;
    const result = await RefundInTransitModel.deleteMany({ _id: { $in: finished.map((a) => a._id) } }).exec();
    return result.deletedCount;
  }

  /** Announces the refunds of orders that owe one without an announcement (a database from before). */
  async announcePendingRefunds(): Promise<number> {
    let count = 0;
    for (const order of await OrderModel.find({ refundPending: true }, { items: 1, customerId: 1 }).exec()) {
      await this.announceRefund(order);
      count += 1;
    }
    return count;
  }

  /**
   * Step 4, the commit point: PROCESSING → APPROVED under the claim (never for a deleted customer).
   * Commits of other workers that come meanwhile go out in the same command (see `deciding` for
   * the order it returns).
   */
  async commit(order: OrderDocument, claimId: string): Promise<OrderDocument | null> {
    await this.seam.before("order:commit");
    const { update, after } = this.deciding(order, {
      status: OrderStatus.APPROVED,
      committedClaimId: claimId,
      claim: null,
      ...this.decided(order, OrderStatus.APPROVED),
    });
    const filter = {
      _id: order._id,
      status: OrderStatus.PROCESSING,
      "claim.claimId": claimId,
      customerDeleted: { $ne: true },
    };
    return this.commits.apply({ filter, update, after });
  }

  /** Step 5: PROCESSING → REJECTED with its reason, under the claim. */
  async reject(order: OrderDocument, claimId: string, rejection: NewRejection): Promise<OrderDocument | null> {
    await this.seam.before("order:reject");
    return this.decide({
      filter: { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      ...this.deciding(order, {
        status: OrderStatus.REJECTED,
        ...rejected(rejection),
        claim: null,
        ...this.decided(order, OrderStatus.REJECTED),
      }),
    });
  }

  /** PENDING → REJECTED (an order of a deleted customer that no worker holds). */
  async rejectPending(
    order: Pick<OrderDocument, "_id" | "createdAt">,
    rejection: NewRejection,
  ): Promise<OrderDocument | null> {
    await this.seam.before("order:reject-pending");
    return this.transition(
      { _id: order._id, status: OrderStatus.PENDING },
      {
        $set: { status: OrderStatus.REJECTED, ...rejected(rejection), ...this.decided(order, OrderStatus.REJECTED) },
        $addToSet: { pendingLog: "decided" },
      },
    );
  }

  /** PROCESSING → PENDING under the claim, not to be claimed again before `notBefore`. */
  async backToPending(order: OrderDocument, claimId: string, notBefore: Date): Promise<OrderDocument | null> {
    await this.seam.before("order:back-to-pending");
    return this.transition(
      { _id: order._id, status: OrderStatus.PROCESSING, "claim.claimId": claimId },
      { $set: { status: OrderStatus.PENDING, claim: null, notBefore } },
    );
  }

  /** Step 7: an expired claim → PENDING; only if this matched may its holds be given back. */
  async reclaimExpired(orderId: Types.ObjectId, claimId: string): Promise<OrderDocument | null> {
    await this.seam.before("order:reclaim");
    return this.transition(
      {
        _id: orderId,
        status: OrderStatus.PROCESSING,
        "claim.claimId": claimId,
        "claim.until": { $lt: this.clock.now() },
      },
      { $set: { status: OrderStatus.PENDING, claim: null } },
    );
  }

  /** PROCESSING orders whose lease has run out. */
  async expired(limit = 500): Promise<OrderDocument[]> {
    await this.seam.before("order:expired");
    return OrderModel.find({ status: OrderStatus.PROCESSING, "claim.until": { $lt: this.clock.now() } })
      .limit(limit)
      .exec();
  }

  /**
   * `from` → CANCELLED with the reason; from APPROVED the refund becomes pending (step 6).
   * @returns the order before the change, or null when it was not in `from`.
   */
  async cancel(orderId: Types.ObjectId, from: OrderStatus, reason: string, actorId: string) {
    await this.seam.before("order:cancel");
    return OrderModel.findOneAndUpdate(
      { _id: orderId, status: from },
      {
        $set: {
          status: OrderStatus.CANCELLED,
          reason,
          cancelledBy: new Types.ObjectId(actorId),
          cancelledFrom: from,
          cancelledAt: this.clock.now(),
          refundPending: from === OrderStatus.APPROVED,
        },
        $addToSet: { pendingLog: "cancelled" },
      },
      { returnDocument: "after" },
    ).exec();
  }

  /** Ends step 6 once every holder carries the refund marker. */
  async finishRefund(orderId: Types.ObjectId): Promise<boolean> {
    await this.seam.before("order:refund-done");
    const result = await OrderModel.updateOne(
      { _id: orderId, status: OrderStatus.CANCELLED, refundPending: true },
      { $set: { refundPending: false } },
    ).exec();
    // The refund has arrived everywhere; a crash before this leaves it to forgetFinishedRefunds.
    if (result.modifiedCount === 1) await RefundInTransitModel.deleteOne({ _id: orderId }).exec();
    return result.modifiedCount === 1;
  }

  /** APPROVED → SHIPPED → DELIVERED, owing the step's event. */
  async fulfil(
    orderId: Types.ObjectId,
    from: OrderStatus,
    to: OrderStatus.SHIPPED | OrderStatus.DELIVERED,
  ): Promise<OrderDocument | null> {
    await this.seam.before("order:fulfil");
    return OrderModel.findOneAndUpdate(
      { _id: orderId, status: from },
      {
        $set: { status: to, [to === OrderStatus.SHIPPED ? "shippedAt" : "deliveredAt"]: this.clock.now() },
        $addToSet: { pendingLog: fulfilmentEvent(to) },
      },
      { returnDocument: "after" },
    ).exec();
  }

  /**
   * Marks the customer's orders that are not yet decided: none of them can be approved any more.
   * @returns those still PENDING (to reject now; workers reject the others).
   */
  async markCustomerDeleted(customerId: Types.ObjectId): Promise<OrderDocument[]> {
    await this.seam.before("order:mark-customer-deleted");
    await OrderModel.updateMany(
      { customerId, status: { $in: [OrderStatus.PENDING, OrderStatus.PROCESSING] } },
      { $set: { customerDeleted: true } },
    ).exec();
    await this.seam.before("order:deleted-pending");
    return OrderModel.find({ customerId, status: OrderStatus.PENDING, customerDeleted: true }).exec();
  }

  /** Orders that still owe log entries. */
  async owingLogEntries(limit = 500): Promise<OrderDocument[]> {
    await this.seam.before("order:owing-log");
    return OrderModel.find({ pendingLog: { $gt: "" } })
      .limit(limit)
      .exec();
  }

  /** The event's entry is written: the order owes it no more. */
  async markLogged(orderId: Types.ObjectId, event: OrderEvent): Promise<void> {
    await this.seam.before("order:mark-logged");
    await OrderModel.updateOne({ _id: orderId }, { $pull: { pendingLog: event } }).exec();
  }

  /** `markLogged` for several (order, event) pairs: one update per kind of event among them. */
  async markLoggedMany(marks: ReadonlyArray<{ orderId: Types.ObjectId; event: OrderEvent }>): Promise<void> {
    await this.seam.before("order:mark-logged");
    const byEvent = new Map<OrderEvent, Types.ObjectId[]>();
    for (const { orderId, event } of marks) byEvent.set(event, [...(byEvent.get(event) ?? []), orderId]);
    for (const [event, ids] of byEvent) {
      await OrderModel.updateMany({ _id: { $in: ids } }, { $pull: { pendingLog: event } }).exec();
    }
  }

  /**
   * A worker's decision on the order it claimed: the update (its fields, `updatedAt`, the owed
   * "decided" event), and the order after it, built from the claimed order, whose answer then
   * needs no document. Only `customerDeleted`, the lease and the log's bookkeeping change while
   * an order is PROCESSING under a claim, and nothing reads them from a decision's order (the
   * pipeline reads `customerDeleted` from a fresh read; a commit's filter excludes it).
   */
  private deciding(order: OrderDocument, fields: Record<string, unknown>) {
    const set = { ...fields, updatedAt: this.clock.now() };
    // An order stored before `pendingLog` existed has none.
    const owed: readonly string[] = order.pendingLog ?? [];
    // The pipeline's orders are the driver's plain objects (see `orders`).
    const after = { ...order, ...set, pendingLog: [...new Set([...owed, "decided"])] } as unknown as OrderDocument;
    return { update: { $set: set, $addToSet: { pendingLog: "decided" } }, after };
  }

  /** One decision by itself: the order after it, or null when its filter did not match. */
  private async decide({ filter, update, after }: Decision): Promise<OrderDocument | null> {
    return (await this.orders.updateOne(filter, update)).matchedCount === 1 ? after : null;
  }

  private decided(order: Pick<OrderDocument, "createdAt">, outcome: OrderStatus.APPROVED | OrderStatus.REJECTED) {
    const now = this.clock.now();
    return {
      outcome,
      processedAt: now,
      processedMinute: minuteOf(now),
      waitMs: now.getTime() - order.createdAt.getTime(),
    };
  }
}

import { Types } from "mongoose";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import type { HoldLedger, SettledHold } from "../../db/hold-ledger";
import { FollowUps } from "../../lib/follow-ups";
import { WriteBatcher } from "../../lib/write-batcher";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { parseObjectId } from "../../db/object-id";
import { type Connection, paginate, type PageArgs } from "../../graphql/connection";
import type { Viewer } from "../../graphql/viewer";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../graphql/errors";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { livePriority, priorityKey, type QueueEntry } from "../../scheduler/priority-queue";
import { LogType, type LogService } from "../logs";
import type { ProductService } from "../products";
import { CustomerTier, Role, type AccountFacts, type UserService } from "../users";
import { OrderRejectionCode } from "./order-rejection";
import { OrderStatus } from "./order-status";
import type { PlacementLimits } from "./placement-limits";
import { EVENT_LINGER_MS, OrderEvents } from "./order-events";
import { recountOverview, type OrderFigures, type OrderOverview } from "./order-overview";
import { orderInserter, type InsertOrder } from "./order-inserts";
import { fulfilmentEvent, type OrderEvent, type OrderStore } from "./order-store";
import { IdempotencyKeyModel, OrderModel, type OrderDocument, type OrderEntity } from "./order.model";
import { toOrderView, type OrderView } from "./order.view";
import { fingerprint, mergeLines, priceLines, type RequestedLine } from "./pricing";

/** Base priority by tier (DESIGN.md): premium goes first, waiting time catches up. */
export const TIER_BASE: Readonly<Record<CustomerTier, number>> = {
  [CustomerTier.PREMIUM]: 15,
  [CustomerTier.STANDARD]: 10,
};

export interface PlaceOrder {
  readonly items: ReadonlyArray<{ productId: string; quantity: number }>;
  readonly customerId?: string | null;
  readonly idempotencyKey?: string | null;
}

export interface OrderListFilter {
  readonly status?: readonly OrderStatus[] | null;
  readonly customerId?: string | null;
}

export type { OrderFigures, OrderOverview } from "./order-overview";

export interface OrderServiceOptions {
  /** Priority a waiting order gains per second. */
  readonly agingPerSec: number;
  /** Fair use of the queue (rates, waiting orders per customer); none when unset. */
  readonly limits?: PlacementLimits;
  /** Where a failing effect of an order event is reported. */
  readonly logger?: Logger;
  /**
   * The writes that follow a change and are owed on its document (order events' effects, settles)
   * made in groups in the background (see OrderEventsOptions.batched and FollowUps); off, each is
   * written and waited for where it happens, as the explorer steps through them.
   */
  readonly batchEventWrites?: boolean;
  /** New orders placed at the same time stored in one command (see orderInserter). */
  readonly groupPlacements?: boolean;
}

const RANDOM_BATCH = 500;
/** What the dashboard's counters read of an order. */
const COUNTED_FIELDS = {
  tier: 1,
  totalCents: 1,
  status: 1,
  outcome: 1,
  cancelledFrom: 1,
  waitMs: 1,
  createdAt: 1,
  processedAt: 1,
  cancelledAt: 1,
  shippedAt: 1,
  deliveredAt: 1,
  batchId: 1,
  pendingLog: 1,
} as const;
/** How many load-test customers random orders are spread over. */
const LOAD_TEST_CUSTOMERS = 12;

/**
 * Orders as customers and admins see them: placement (priced, idempotent, queued), lists,
 * cancellation (restoring stock and budget exactly once), fulfilment, random load. Processing
 * itself is OrderProcessor's.
 */
export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly products: ProductService,
    private readonly users: UserService,
    private readonly pubSub: AppPubSub,
    private readonly logs: LogService,
    private readonly clock: Clock,
    private readonly options: OrderServiceOptions,
  ) {
    const batched = options.batchEventWrites ?? false;
    this.insertOrder = orderInserter(options.groupPlacements ?? false);
    this.events = new OrderEvents(store, logs, { logger: options.logger, batched });
    this.followUps = new FollowUps(!batched, (error) =>
      options.logger?.error({ err: error }, "orders: a follow-up failed (recovery finishes it)"),
    );
    if (batched) {
      this.settleStock = groupedSettle(products.stockHolds);
      this.settleBudget = groupedSettle(users.budgetHolds);
    }
  }

  /** What follows each event of an order (its log entry, and effects other modules add). */
  readonly events: OrderEvents;
  private readonly insertOrder: InsertOrder;
  /** The writes nobody waits for (batched): an order's event effects and settles. */
  private readonly followUps: FollowUps;
  private readonly settleStock: ((hold: SettledHold) => Promise<unknown>) | undefined;
  private readonly settleBudget: ((hold: SettledHold) => Promise<unknown>) | undefined;

  /** Waits for the follow-ups under way (before shutdown). */
  drain(): Promise<void> {
    return this.followUps.drain();
  }

  /**
   * What follows an approval: the settle, then the "decided" event; in the background when batched
   * (the commit made both owed: recovery settles committed holds and records owed events).
   */
  afterApproval(approved: OrderDocument, claimId: string): Promise<void> {
    return this.followUps.run(async () => {
      await this.settle(approved, claimId);
      await this.events.record(approved, "decided");
    });
  }

  /**
   * What follows a rejection by a worker: its claim's holds given back, then the "decided" event;
   * in the background when batched (the claim is dead once the order left PROCESSING, and
   * recovery gives back any hold of a dead claim, exactly once, as this does).
   */
  afterRejection(rejected: OrderDocument, giveBack: () => Promise<void>): Promise<void> {
    return this.followUps.run(async () => {
      await giveBack();
      await this.events.record(rejected, "decided");
    });
  }

  /** Records the event, in the background when batched (the change that made it left it owed). */
  recordLater(order: OrderDocument, event: OrderEvent, actorId?: string): Promise<void> {
    return this.followUps.run(() => this.events.record(order, event, actorId));
  }

  /** The order's dynamic priority now (PENDING), or the one it had when the scheduler took it. */
  priorityOf(order: OrderView): number {
    // The view may have crossed instances as JSON: its dates may be strings.
    const at =
      order.status === OrderStatus.PENDING || order.claimedAt === null ? this.clock.now() : new Date(order.claimedAt);
    return livePriority(order.priorityKey, this.options.agingPerSec, at.getTime());
  }

  /**
   * Prices and stores a PENDING order, then queues it. With an idempotency key, a retry with the
   * same lines returns the first order (also when the retries race); other lines → CONFLICT.
   */
  async place(viewer: Viewer, input: PlaceOrder): Promise<OrderView> {
    const customer = await this.customerFor(viewer, input.customerId ?? null);
    const lines = mergeLines(input.items);
    const key = input.idempotencyKey ?? null;
    if (key !== null && (key.length < 1 || key.length > 200)) {
      throw new BadUserInputError("idempotencyKey must be 1 to 200 characters.", "idempotencyKey");
    }
    // What this instance already knows it would refuse costs no database command. A request with
    // an idempotency key may be a replay of a placed order: it goes on to find it.
    const isAdmin = viewer.role === Role.ADMIN;
    if (key === null) this.options.limits?.precheck(isAdmin ? new Types.ObjectId(viewer.id) : customer._id, isAdmin);
    // Priced first: a request refused for its products must not use up its idempotency key.
    const { items, totalCents } = priceLines(lines, await this.products.pricing(lines.map((l) => l.productId)));
    let orderId = new Types.ObjectId();
    if (key !== null) {
      const claimed = await this.claimIdempotencyKey(customer._id, key, lines, orderId);
      orderId = claimed.orderId;
      const existing = await OrderModel.findById(orderId).exec();
      if (existing !== null) return toOrderView(existing);
    }
    // Fair use: refused here, before the order exists, with TOO_MANY_REQUESTS.
    if (viewer.role === Role.ADMIN) await this.options.limits?.admitAdminOrder(new Types.ObjectId(viewer.id));
    else await this.options.limits?.admitCustomerOrder(customer._id, orderId);
    const now = this.clock.now();
    const doc = new OrderModel({ _id: orderId, ...this.newOrder(customer, items, totalCents, now) });
    if ((await this.insertOrder(doc)) === "duplicate") {
      // A concurrent retry with the same key created it first.
      const existing = await OrderModel.findById(orderId).exec();
      if (existing === null) throw new ConflictError("The order could not be stored; try again.");
      return toOrderView(existing);
    }
    const view = this.announce(doc);
    this.queue([doc]);
    await this.recordLater(doc, "placed", viewer.id);
    return view;
  }

  /** What every new order starts as: PENDING, priced, ranked by its tier, owing its "placed" event. */
  private newOrder(
    customer: { readonly _id: Types.ObjectId; readonly tier: CustomerTier },
    items: OrderEntity["items"],
    totalCents: number,
    now: Date,
  ) {
    return {
      customerId: customer._id,
      tier: customer.tier,
      items,
      totalCents,
      status: OrderStatus.PENDING,
      priorityKey: priorityKey(TIER_BASE[customer.tier], this.options.agingPerSec, now.getTime()),
      createdAt: now,
      pendingLog: ["placed" as const],
    };
  }

  /** Admins: all orders (by status and customer); customers: their own. Newest first. */
  async list(
    viewer: Viewer,
    filter: OrderListFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<OrderView>> {
    const query: Record<string, unknown> = {};
    if (viewer.role === Role.ADMIN) {
      if (filter?.customerId) {
        const customerId = parseObjectId(filter.customerId);
        if (customerId === null) throw new BadUserInputError("customerId is not a user id.", "customerId");
        query["customerId"] = customerId;
      }
    } else {
      query["customerId"] = new Types.ObjectId(viewer.id);
    }
    if (filter?.status && filter.status.length > 0) query["status"] = { $in: [...filter.status] };
    return this.page(query, page);
  }

  /** The orders of one user: that user or an admin only. */
  async listForUser(
    viewer: Viewer,
    userId: string,
    status: readonly OrderStatus[] | null,
    page: PageArgs,
  ): Promise<Connection<OrderView>> {
    if (viewer.role !== Role.ADMIN && viewer.id !== userId)
      throw new ForbiddenError("You can only see your own orders.");
    const query: Record<string, unknown> = { customerId: new Types.ObjectId(userId) };
    if (status && status.length > 0) query["status"] = { $in: [...status] };
    return this.page(query, page);
  }

  /** One order: its customer or an admin. Null for an unknown id. */
  async get(viewer: Viewer, id: string): Promise<OrderView | null> {
    const _id = parseObjectId(id);
    const doc = _id === null ? null : await OrderModel.findById(_id).exec();
    if (doc === null) return null;
    this.assertMayAccess(viewer, doc);
    return toOrderView(doc);
  }

  /**
   * Cancels an order: its customer while PENDING, an admin while PENDING or APPROVED. Cancelling an
   * APPROVED order gives its units and money back exactly once (DESIGN.md step 6), however cancels,
   * settles and recovery interleave.
   * @throws ConflictError while PROCESSING or once final.
   */
  async cancel(viewer: Viewer, id: string, reason: string | null | undefined): Promise<OrderView> {
    const doc = await this.requireAccessible(viewer, id);
    const text = reason?.trim() || (viewer.role === Role.ADMIN ? "Cancelled by an admin" : "Cancelled by the customer");
    if (text.length > 500) throw new BadUserInputError("reason must be at most 500 characters.", "reason");
    if (viewer.role !== Role.ADMIN && doc.status === OrderStatus.APPROVED) {
      throw new ForbiddenError("An approved order can only be cancelled by an admin.");
    }
    const from = doc.status === OrderStatus.APPROVED ? OrderStatus.APPROVED : OrderStatus.PENDING;
    if (from === OrderStatus.APPROVED) await this.store.announceRefund(doc);
    const cancelled = await this.store.cancel(doc._id, from, text, viewer.id);
    if (cancelled === null) {
      const current = await OrderModel.findById(doc._id).exec();
      throw new ConflictError(
        current?.status === OrderStatus.PROCESSING
          ? "The order is being processed right now; try again in a moment."
          : `The order is ${current?.status ?? "gone"} and cannot be cancelled.`,
      );
    }
    if (from === OrderStatus.APPROVED) await this.refund(cancelled);
    else await this.restoreHolds(cancelled, null);
    const view = this.announce(cancelled);
    await this.events.record(cancelled, "cancelled");
    return view;
  }

  /**
   * Step 6 for a cancelled approved order: every product and the customer get back what the
   * committed claim took, each once through its refund marker; then the refund is done.
   * @returns false while a hold of a dead claim stands in the way (recovery finishes it).
   */
  async refund(order: OrderDocument): Promise<boolean> {
    const claimId = order.committedClaimId;
    if (claimId === null) return false;
    let done = true;
    for (const line of order.items) {
      done = (await this.products.stockHolds.refund(line.productId, order._id, line.quantity, claimId)) && done;
    }
    done = (await this.users.budgetHolds.refund(order.customerId, order._id, order.totalCents, claimId)) && done;
    return done && (await this.store.finishRefund(order._id));
  }

  /** Step 5's settle: the committed holds leave the product and customer documents (batched: in groups). */
  async settle(order: OrderDocument, claimId: string): Promise<void> {
    const { settleStock, settleBudget } = this;
    if (settleStock !== undefined && settleBudget !== undefined) {
      const orderId = order._id;
      await Promise.all([
        ...order.items.map((line) => settleStock({ holderId: line.productId, orderId, claimId })),
        settleBudget({ holderId: order.customerId, orderId, claimId }),
      ]);
      return;
    }
    for (const line of order.items) await this.products.stockHolds.settle(line.productId, order._id, claimId);
    await this.users.budgetHolds.settle(order.customerId, order._id, claimId);
  }

  /**
   * Gives back the order's holds under `claimId`, or under any claim when null (only for an order
   * that can never commit again: cancelled, or rejected unclaimed). Each restore is exactly once.
   */
  async restoreHolds(order: OrderDocument, claimId: string | null): Promise<void> {
    for (const line of order.items) {
      await this.products.stockHolds.restore(line.productId, order._id, line.quantity, claimId);
    }
    await this.users.budgetHolds.restore(order.customerId, order._id, order.totalCents, claimId);
  }

  /**
   * A deleted customer's orders that are not yet approved end REJECTED, whatever state they are in:
   * all are marked (no commit can succeed after that), the PENDING ones are rejected here, and the
   * ones in flight by their worker or, after a crash, by the next claim.
   */
  async rejectOrdersOfDeleted(customerId: Types.ObjectId): Promise<void> {
    for (const order of await this.store.markCustomerDeleted(customerId)) {
      const rejected = await this.store.rejectPending(order, { code: OrderRejectionCode.CUSTOMER_DELETED });
      if (rejected === null) continue; // claimed meanwhile: its worker rejects it
      await this.restoreHolds(rejected, null);
      this.announce(rejected);
      await this.events.record(rejected, "decided");
    }
  }

  /**
   * Admin fulfilment: APPROVED → SHIPPED → DELIVERED (moves no stock or money: the units were sold
   * at approval). @throws BadUserInputError for another target status; ConflictError out of order.
   */
  async setFulfilmentStatus(actor: Viewer, id: string, status: OrderStatus): Promise<OrderView> {
    const from =
      status === OrderStatus.SHIPPED
        ? OrderStatus.APPROVED
        : status === OrderStatus.DELIVERED
          ? OrderStatus.SHIPPED
          : null;
    if (from === null) throw new BadUserInputError("status must be SHIPPED or DELIVERED.", "status");
    const to = status as OrderStatus.SHIPPED | OrderStatus.DELIVERED;
    const doc = await this.requireAccessible(actor, id);
    const updated = await this.store.fulfil(doc._id, from, to);
    if (updated === null)
      throw new ConflictError(`Only a ${from} order can become ${status} (this one is ${doc.status}).`);
    const view = this.announce(updated);
    await this.events.record(updated, fulfilmentEvent(to), actor.id);
    return view;
  }

  /**
   * Creates `count` random PENDING orders (1..10000), marked generated: random load-test customers, 1–3 random products,
   * quantities 1–5; inserted in batches and queued, reporting progress in the log.
   */
  async generateRandom(actor: Viewer, count: number): Promise<number> {
    if (!Number.isInteger(count) || count < 1 || count > 10_000)
      throw new BadUserInputError("count must be from 1 to 10000.", "count");
    await this.options.limits?.admitGenerated(new Types.ObjectId(actor.id), count);
    // Placed only for load-test accounts (made on first use): never in a real customer's name.
    const [customers, products] = await Promise.all([
      this.users.loadTestCustomers(LOAD_TEST_CUSTOMERS),
      this.products.activeSample(1000),
    ]);
    if (products.length === 0) {
      throw new BadUserInputError("Random orders need at least one product.", "count");
    }
    const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
    await this.logs.record({
      type: LogType.SCHEDULER,
      message: `Generating ${count} random orders`,
      actorId: actor.id,
      data: { count },
    });
    let created = 0;
    while (created < count) {
      const size = Math.min(RANDOM_BATCH, count - created);
      const now = this.clock.now();
      const batchId = new Types.ObjectId();
      const docs = Array.from({ length: size }, () => {
        const customer = pick(customers);
        const chosen = new Map<string, RequestedLine>();
        const lines = 1 + Math.floor(Math.random() * 3);
        for (let i = 0; i < lines; i++) {
          const product = pick(products);
          chosen.set(product.id, { productId: product._id, quantity: 1 + Math.floor(Math.random() * 5) });
        }
        const merged = mergeLines(
          [...chosen.values()].map((l) => ({ productId: l.productId.toHexString(), quantity: l.quantity })),
        );
        const { items, totalCents } = priceLines(merged, products);
        return {
          _id: new Types.ObjectId(),
          // Owes "placed" like any placement; the log effect leaves it to the SCHEDULER progress entries.
          ...this.newOrder(customer, items, totalCents, now),
          updatedAt: now,
          generated: true,
          batchId,
        };
      });
      const inserted = await OrderModel.insertMany(docs);
      for (const doc of inserted) this.announce(doc);
      this.queue(inserted);
      await this.events.recordBatch(inserted, "placed");
      created += inserted.length;
      await this.logs.record({
        type: LogType.SCHEDULER,
        message: `Random orders: ${created} of ${count} placed`,
        actorId: actor.id,
        data: { created, count },
      });
    }
    return created;
  }

  /** Scheduler figures over the whole database. */
  async figures(): Promise<OrderFigures> {
    return (await this.overview()).figures;
  }

  /**
   * Every order figure of the dashboard and the scheduler, recounted from the orders: what the
   * dashboard's counters must always agree with once no event is owed.
   */
  overview(): Promise<OrderOverview> {
    return recountOverview(this.clock.now());
  }

  /** Orders still owing effects of their events (at most `limit`), with what counting them needs. */
  async owingEvents(limit: number): Promise<OrderDocument[]> {
    return OrderModel.find({ pendingLog: { $gt: "" } }, COUNTED_FIELDS)
      .limit(limit)
      .exec();
  }

  /** Every order, with what counting its events needs (the counters' migration). */
  everyOrderForCounting(): AsyncIterable<OrderDocument> {
    return OrderModel.find({}, COUNTED_FIELDS).lean<OrderDocument>().cursor({ batchSize: 5000 });
  }

  /** How many orders a worker holds right now (claims are no events: the counters cannot know). */
  async countProcessing(): Promise<number> {
    return OrderModel.countDocuments({ status: OrderStatus.PROCESSING }).exec();
  }

  /**
   * The best waiting orders, as queue entries (for the schedulers' polling). Orders younger than
   * `minAgeMs` are left to the placing instance's own queue message, so that no poll can take an
   * order before its PENDING event has gone out.
   */
  async pendingEntries(limit: number, minAgeMs = 1000): Promise<QueueEntry[]> {
    const youngest = new Date(this.clock.now().getTime() - minAgeMs);
    const docs = await OrderModel.find(
      { status: OrderStatus.PENDING, createdAt: { $lte: youngest } },
      { priorityKey: 1, createdAt: 1 },
    )
      .sort({ priorityKey: -1, createdAt: 1 })
      .limit(limit)
      .exec();
    return docs.map(toEntry);
  }

  /** Publishes the order's new state to `orderUpdated` subscribers. */
  announce(doc: OrderDocument): OrderView {
    const view = toOrderView(doc);
    this.pubSub.publish(Topic.ORDER_UPDATED, view);
    return view;
  }

  private queue(docs: readonly OrderDocument[]): void {
    this.pubSub.publish(Topic.ORDERS_QUEUED, { entries: docs.map(toEntry) });
  }

  private async page(query: Record<string, unknown>, page: PageArgs): Promise<Connection<OrderView>> {
    const result = await paginate<OrderEntity & { _id: Types.ObjectId }>(OrderModel, query, page, {
      defaultSize: 20,
      timeField: "createdAt",
    });
    return { ...result, nodes: (result.nodes as OrderDocument[]).map(toOrderView) };
  }

  private async customerFor(viewer: Viewer, customerId: string | null): Promise<AccountFacts> {
    if (viewer.role !== Role.ADMIN && customerId !== null && customerId !== viewer.id) {
      throw new ForbiddenError("Customers can only order for themselves.");
    }
    if (viewer.role === Role.ADMIN && customerId === null) {
      throw new BadUserInputError("Admins order on behalf of a customer: give customerId.", "customerId");
    }
    const id = customerId ?? viewer.id;
    const _id = parseObjectId(id);
    const customer = _id === null ? null : await this.users.accountFacts(_id);
    if (customer === null) throw new NotFoundError("Customer", id);
    if (customer.role !== Role.CUSTOMER) throw new BadUserInputError("Orders are placed for customers.", "customerId");
    return customer;
  }

  /** Writes the key first: the winner's order id is the one every retry returns. */
  private async claimIdempotencyKey(
    customerId: Types.ObjectId,
    key: string,
    lines: readonly RequestedLine[],
    orderId: Types.ObjectId,
  ) {
    const _id = `${customerId.toHexString()}:${key}`;
    const print = fingerprint(lines);
    try {
      await IdempotencyKeyModel.create({ _id, orderId, fingerprint: print });
      return { orderId };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await IdempotencyKeyModel.findById(_id).exec();
    if (existing === null || existing.fingerprint !== print) {
      throw new ConflictError("This idempotency key was already used for an order with other lines.");
    }
    return { orderId: existing.orderId };
  }

  private async requireAccessible(viewer: Viewer, id: string): Promise<OrderDocument> {
    const _id = parseObjectId(id);
    const doc = _id === null ? null : await OrderModel.findById(_id).exec();
    if (doc === null) throw new NotFoundError("Order", id);
    this.assertMayAccess(viewer, doc);
    return doc;
  }

  private assertMayAccess(viewer: Viewer, doc: OrderDocument): void {
    if (viewer.role !== Role.ADMIN && doc.customerId.toHexString() !== viewer.id) {
      throw new ForbiddenError("This is another customer's order.");
    }
  }
}

function toEntry(doc: Pick<OrderDocument, "_id" | "priorityKey" | "createdAt">): QueueEntry {
  return { id: doc._id.toHexString(), key: doc.priorityKey, createdAt: doc.createdAt.getTime() };
}

/** Settles that arrive within EVENT_LINGER_MS of each other, in one command per ledger. */
function groupedSettle(ledger: HoldLedger): (hold: SettledHold) => Promise<unknown> {
  const batcher = new WriteBatcher(
    async (holds: readonly SettledHold[]) => {
      await ledger.settleMany(holds);
      return holds.map(() => undefined);
    },
    { lingerMs: EVENT_LINGER_MS },
  );
  return (hold) => batcher.add(hold);
}

import { DashboardCounters } from "../../src/modules/dashboard";
import { randomUUID } from "node:crypto";
import mongoose, { Types, type mongo } from "mongoose";
import pino from "pino";
import { ManualClock } from "../../src/clock";
import { AppError } from "../../src/graphql/errors";
import type { Viewer } from "../../src/graphql/viewer";
import { LogService } from "../../src/modules/logs";
import {
  OrderProcessor,
  OrderRecovery,
  OrderService,
  OrderStatus,
  OrderStore,
  type ReintroducedBug,
} from "../../src/modules/orders";
import { ProductService } from "../../src/modules/products";
import { CustomerService, CustomerTier, Role, UserService } from "../../src/modules/users";
import { createAppPubSub } from "../../src/pubsub/pubsub";
import type { InterleavingController } from "./controller";

/** The lease, in the run's virtual milliseconds. */
export const LEASE_MS = 1000;

const ADMIN: Viewer = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };

/** What a customer asks for. */
export interface OrderRequest {
  readonly customerId: string;
  readonly items: ReadonlyArray<{ productId: string; quantity: number }>;
}

/** One simulated API process: its own owner id and processor (so its own claims and renewals). */
export interface WorkerProcess {
  readonly name: string;
  readonly processor: OrderProcessor;
}

/**
 * Everything one explorer run acts on: the real services over one real database, with a manual
 * clock and the controller as their seam, and the run's seeded products and customers.
 */
export class World {
  readonly clock = new ManualClock(new Date("2031-01-01T00:00:00Z"));
  readonly orders: OrderService;
  readonly recovery: OrderRecovery;
  /** The dashboard's counters, kept by the orders' events (started by `setUp`). */
  readonly counters: DashboardCounters;
  readonly customers: CustomerService;
  readonly products: ProductService;
  readonly users: UserService;
  readonly store: OrderStore;
  private readonly logs: LogService;
  productIds: Types.ObjectId[] = [];
  customerIds: Types.ObjectId[] = [];

  constructor(
    readonly db: mongo.Db,
    seam: InterleavingController,
    private readonly reintroduce: ReadonlySet<ReintroducedBug>,
  ) {
    const pubSub = createAppPubSub();
    const logger = pino({ level: "silent" });
    this.logs = new LogService(pubSub, this.clock, logger);
    this.products = new ProductService(pubSub, this.logs, this.clock, seam);
    this.users = new UserService(pubSub, this.logs, this.clock, seam);
    this.customers = new CustomerService(this.users, this.logs, this.clock);
    this.store = new OrderStore(this.clock, seam);
    this.orders = new OrderService(this.store, this.products, this.users, pubSub, this.logs, this.clock, {
      agingPerSec: 0.5,
    });
    this.customers.onCustomerDeleted((customerId) => this.orders.rejectOrdersOfDeleted(customerId));
    this.counters = new DashboardCounters(this.orders, this.clock, logger, {
      rollUpIntervalMs: 0,
      processingMaxAgeMs: 0,
    });
    this.orders.events.addEffect(this.counters.effect);
    this.recovery = new OrderRecovery(this.orders, this.store, this.products, this.users, this.logs, logger, () => {});
  }

  /** A process with a fresh owner id; claims are renewed only by its renewer actor. */
  newProcess(name: string): WorkerProcess {
    const processor = new OrderProcessor(this.orders, this.store, this.products, this.users, this.clock, {
      owner: `${name}-${randomUUID().slice(0, 8)}`,
      leaseMs: LEASE_MS,
      renewEveryMs: 0,
      delayMs: 0,
      backoffMs: 50,
      reintroduce: this.reintroduce,
    });
    return { name, processor };
  }

  /** Products with scarce stock and customers with scarce budgets, chosen by the seed. */
  async seed(random: () => number): Promise<void> {
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const products = Array.from({ length: int(1, 3) }, () => ({ stock: int(1, 3), priceCents: int(1, 4) * 100 }));
    const customers = Array.from({ length: int(1, 3) }, () => ({
      budgetCents: int(1, 8) * 100,
      tier: random() < 0.5 ? CustomerTier.PREMIUM : CustomerTier.STANDARD,
    }));
    await this.setUp({ products, customers });
  }

  /**
   * Starts from an empty database (dropped, not emptied: the embedded server's natural order would
   * otherwise depend on earlier runs, and a replay must see the same order) with these products
   * and customers.
   */
  async setUp(spec: {
    products: ReadonlyArray<{ stock: number; priceCents: number }>;
    customers: ReadonlyArray<{ budgetCents: number; tier?: CustomerTier }>;
  }): Promise<void> {
    await this.db.dropDatabase();
    for (const model of Object.values(mongoose.connection.models)) await model.createIndexes();
    const now = this.clock.now();
    const products = spec.products.map(({ stock, priceCents }, i) => ({
      _id: new Types.ObjectId(),
      name: `P${i}`,
      description: "",
      priceCents,
      stock,
      receivedTotal: stock,
      holds: [],
      refunds: [],
      ownerId: null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    const customers = spec.customers.map(({ budgetCents, tier }, i) => ({
      _id: new Types.ObjectId(),
      name: `C${i}`,
      email: `c${i}@explore.test`,
      emailKey: `c${i}@explore.test`,
      passwordHash: "-",
      role: Role.CUSTOMER,
      tier: tier ?? CustomerTier.STANDARD,
      budgetCents,
      depositedCents: budgetCents,
      totalSpentCents: 0,
      holds: [],
      refunds: [],
      tokenVersion: 0,
      totpEnabled: false,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    await this.db.collection("products").insertMany(products);
    await this.db.collection("users").insertMany(customers);
    this.productIds = products.map((p) => p._id);
    this.customerIds = customers.map((c) => c._id);
    await this.counters.ensure();
  }

  /** A new order's request, chosen by the seed: 1–2 lines of 1–2 units for one customer. */
  newRequest(random: () => number): OrderRequest {
    const customerId = pick(random, this.customerIds).toHexString();
    const lines = new Map<string, number>();
    for (let i = 0; i < 1 + Math.floor(random() * 2); i++) {
      lines.set(pick(random, this.productIds).toHexString(), 1 + Math.floor(random() * 2));
    }
    return { customerId, items: [...lines].map(([productId, quantity]) => ({ productId, quantity })) };
  }

  /** Sends the customer's request to place an order (with its idempotency key, if any). */
  async place(request: OrderRequest, key: string | null): Promise<void> {
    await this.store.step("customer:place");
    const viewer = { id: request.customerId, role: Role.CUSTOMER };
    await expected(this.orders.place(viewer, { items: request.items, idempotencyKey: key }));
  }

  /** One of the admin's actions, chosen by the seed. */
  async adminAction(random: () => number): Promise<string> {
    const roll = random();
    const order = await this.someOrder(random);
    const product = pick(random, this.productIds).toHexString();
    const customer = pick(random, this.customerIds).toHexString();
    if (roll < 0.2 && order !== null) {
      await expected(this.orders.cancel(ADMIN, order, "explorer"));
      return "cancel";
    }
    if (roll < 0.35 && order !== null) {
      const status = random() < 0.7 ? OrderStatus.SHIPPED : OrderStatus.DELIVERED;
      await expected(this.orders.setFulfilmentStatus(ADMIN, order, status));
      return `fulfil ${status}`;
    }
    if (roll < 0.5) {
      await expected(this.products.adjustStock(ADMIN, product, random() < 0.5 ? -1 : 1));
      return "adjustStock";
    }
    if (roll < 0.6) {
      await expected(this.products.setStock(ADMIN, product, Math.floor(random() * 3)));
      return "setStock";
    }
    if (roll < 0.72) {
      await expected(this.customers.adjustBudget(ADMIN, customer, random() < 0.5 ? -100 : 200));
      return "adjustBudget";
    }
    if (roll < 0.82) {
      await expected(this.customers.setBudget(ADMIN, customer, Math.floor(random() * 6) * 100));
      return "setBudget";
    }
    if (roll < 0.9) {
      await expected(this.products.delete(ADMIN, product));
      return "deleteProduct";
    }
    if (roll < 0.95) {
      await expected(this.customers.delete(ADMIN, customer));
      return "deleteCustomer";
    }
    if (order !== null) {
      // A customer cancels (only a pending order may be).
      const doc = await this.db.collection("orders").findOne({ _id: new Types.ObjectId(order) });
      const owner = { id: String(doc?.["customerId"]), role: Role.CUSTOMER };
      await expected(this.orders.cancel(owner, order, "changed my mind"));
    }
    return "customer cancel";
  }

  /** The id of the best PENDING order, as a scheduler would pop it; null when none waits. */
  async bestPending(): Promise<string | null> {
    await this.store.step("worker:poll");
    const [entry] = await this.orders.pendingEntries(1, 0);
    return entry?.id ?? null;
  }

  /** Whether anything is left to do: open or refunding orders, or holds on any document. */
  async busy(): Promise<boolean> {
    const open = await this.db.collection("orders").countDocuments({
      $or: [{ status: { $in: [OrderStatus.PENDING, OrderStatus.PROCESSING] } }, { refundPending: true }],
    });
    if (open > 0) return true;
    const held =
      (await this.db.collection("products").countDocuments({ "holds.0": { $exists: true } })) +
      (await this.db.collection("users").countDocuments({ "holds.0": { $exists: true } }));
    return held > 0;
  }

  private async someOrder(random: () => number): Promise<string | null> {
    await this.store.step("admin:pick-order");
    const ids = await this.db
      .collection("orders")
      .find({}, { projection: { _id: 1 } })
      .toArray();
    return ids.length === 0 ? null : String(pick(random, ids)._id);
  }
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** Runs an action whose refusal (an AppError: conflict, not found, bad input) is a normal outcome. */
async function expected(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (error) {
    if (error instanceof AppError) return;
    throw error;
  }
}

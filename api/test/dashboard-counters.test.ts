import { Types, type mongo } from "mongoose";
import { World } from "../tools/explorer/world";
import pino from "pino";
import { DashboardCounters } from "../src/modules/dashboard";
import { eventKey, type CountedOrder } from "../src/modules/dashboard/counter-deltas";
import { OrderStatus } from "../src/modules/orders/order-status";
import { CustomerTier, Role } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";
import { Script } from "./helpers/script";

const ADMIN = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };
const HOUR = 3_600_000;
/** Past the processor's back-off (200 ms by default) for an order sent back to wait. */
const BACKOFF_MS = 250;

/**
 * The dashboard's counters against a recount of the orders (OrderService.overview()), on the real
 * database server: concurrent appliers, crashes between an event and its effects, the roll-up into
 * the totals, late re-applications, generated batches and the migration of existing orders.
 */
describe("DashboardCounters", () => {
  const database = useModelDatabase("dashboard-counters");
  let db: mongo.Db;
  let script: Script;
  let world: World;
  let counters: DashboardCounters;

  beforeAll(() => {
    db = database().connection.db!;
  });

  beforeEach(async () => {
    script = new Script();
    world = new World(db, script.controller, new Set());
    await world.setUp({
      products: [
        { stock: 40, priceCents: 100 },
        { stock: 40, priceCents: 250 },
      ],
      customers: [{ budgetCents: 50_000, tier: CustomerTier.PREMIUM }, { budgetCents: 50_000 }, { budgetCents: 300 }],
    });
    script.controller.free = true;
    counters = world.counters;
  });

  const customer = (i: number) => ({ id: world.customerIds[i].toHexString(), role: Role.CUSTOMER });
  const line = (p: number, quantity: number) => ({ productId: world.productIds[p].toHexString(), quantity });
  const place = async (c: number, p = 0, quantity = 1) =>
    (await world.orders.place(customer(c), { items: [line(p, quantity)], idempotencyKey: null })).id;
  const expectRecount = async () => expect(await counters.overview()).toEqual(await world.orders.overview());

  /** Places orders and decides them with four workers at once; cancels and fulfils some. */
  async function busyShop(orders: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) ids.push(await place(i % 3, i % 2, 1 + (i % 3)));
    const workers = Array.from({ length: 4 }, (_, w) => world.newProcess(`W${w}`).processor);
    // All at once: an order short of stock that others hold in flight goes back to wait, and is
    // processed again once its back-off is over, as the scheduler would.
    let waiting = ids;
    for (let round = 0; waiting.length > 0 && round < 10; round++) {
      if (round > 0) world.clock.advance(BACKOFF_MS);
      const outcomes = await Promise.all(waiting.map((id, i) => workers[i % 4].process(id)));
      waiting = waiting.filter((_, i) => outcomes[i] === "retry");
    }
    expect(waiting).toEqual([]);
    const approved = (await db.collection("orders").find({ status: "APPROVED" }).toArray()).map((o) =>
      o._id.toHexString(),
    );
    await Promise.all([
      ...approved.slice(0, 3).map((id) => world.orders.cancel(ADMIN, id, "changed mind")),
      ...approved.slice(3, 7).map((id) => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED)),
    ]);
    await Promise.all(
      approved.slice(3, 5).map((id) => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.DELIVERED)),
    );
    return ids;
  }

  it("counts each event once while concurrent appliers race on the same buckets", async () => {
    const at = world.clock.now();
    const orders: CountedOrder[] = Array.from({ length: 300 }, () => ({
      _id: new Types.ObjectId(),
      tier: CustomerTier.STANDARD,
      totalCents: 100,
      status: OrderStatus.PENDING,
      outcome: null,
      cancelledFrom: null,
      waitMs: null,
      createdAt: at,
      processedAt: null,
      cancelledAt: null,
      shippedAt: null,
      deliveredAt: null,
      batchId: null,
    }));
    // Every placement applied three times, all at once, over the driver's pool of connections.
    const results = await Promise.all([...orders, ...orders, ...orders].map((o) => counters.apply(o, "placed")));
    expect(results.every(Boolean)).toBe(true);
    const overview = await counters.overview();
    expect(overview?.orderCount).toBe(300);
    const keys = await db
      .collection("dashboard_buckets")
      .aggregate([{ $unwind: "$applied" }])
      .toArray();
    expect(new Set(keys.map((k) => k["applied"] as string))).toEqual(
      new Set(orders.map((o) => eventKey(o._id, "placed"))),
    );
    expect(keys).toHaveLength(300);
  });

  it("agrees with a recount after concurrent decisions, cancellations and fulfilment", async () => {
    await busyShop(24);
    await expectRecount();
    expect((await counters.overview())?.figures.processedTotal).toBe(24);
  });

  it("counts an event once when its writer dies before its effects, through recovery", async () => {
    const id = await place(0);
    await world.newProcess("W").processor.process(id);
    script.controller.free = false;
    await script.spawn("admin", () => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED));
    await script.to("admin", "log:write");
    await script.crash("admin");
    script.controller.free = true;
    expect((await counters.overview())?.ordersByStatus.find((s) => s.status === OrderStatus.SHIPPED)?.count).toBe(0);
    await world.recovery.run();
    await world.recovery.run();
    await expectRecount();
  });

  it("absorbs old minutes into the totals, and a late re-application changes nothing", async () => {
    const ids = await busyShop(12);
    const order = (await db
      .collection("orders")
      .findOne({ _id: new Types.ObjectId(ids[0]) })) as unknown as CountedOrder;
    world.clock.advance(2 * HOUR);
    expect(await counters.rollUp()).toBe(1); // the one minute everything happened in
    const totals = await db.collection("dashboard_totals").findOne({});
    expect(totals?.["rolledUpTo"]).toEqual(new Date(Math.floor(order.createdAt.getTime() / 60_000) * 60_000));
    await expectRecount();
    expect(await counters.apply(order, "placed")).toBe(true); // recovery meeting a slow worker
    expect(await counters.apply(order, "decided")).toBe(true);
    await expectRecount();
    expect(await counters.rollUp()).toBe(0);
    await expectRecount();
  });

  it("counts a new event in a sealed minute once, through the totals", async () => {
    const id = await place(0);
    await world.newProcess("W").processor.process(id);
    world.clock.advance(2 * HOUR);
    await counters.rollUp();
    // A shipment written with a timestamp from before the roll-up (a process paused that long).
    const shipped = await db
      .collection("orders")
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id) },
        { $set: { status: "SHIPPED", shippedAt: new Date(world.clock.now().getTime() - 2 * HOUR) } },
        { returnDocument: "after" },
      );
    expect(await counters.apply(shipped as unknown as CountedOrder, "shipped")).toBe(true);
    expect(await counters.apply(shipped as unknown as CountedOrder, "shipped")).toBe(true);
    await expectRecount();
  });

  it("waits with the roll-up while an order still owes an event of that minute", async () => {
    const id = await place(1);
    script.controller.free = false;
    await script.spawn("W", () => world.newProcess("W").processor.process(id));
    await script.to("W", "log:write"); // decided, owing its effects
    await script.crash("W");
    script.controller.free = true;
    world.clock.advance(2 * HOUR);
    expect(await counters.rollUp()).toBe(0);
    await world.recovery.run();
    expect(await counters.rollUp()).toBe(1);
    await expectRecount();
  });

  it("counts a generated batch with one update", async () => {
    await world.orders.generateRandom(ADMIN, 30);
    expect(await db.collection("orders").countDocuments({ pendingLog: "placed" })).toBe(0);
    expect(await db.collection("dashboard_buckets").countDocuments({})).toBe(1);
    await expectRecount();
  });

  it("counts each generated order once when the batch's writer dies before counting it", async () => {
    script.controller.free = false;
    await script.spawn("admin", () => world.orders.generateRandom(ADMIN, 30));
    await script.to("admin", "log:write");
    await script.crash("admin");
    script.controller.free = true;
    expect(await db.collection("orders").countDocuments({ pendingLog: "placed" })).toBe(30);
    await world.recovery.run();
    await world.recovery.run();
    await expectRecount();
    expect((await counters.overview())?.orderCount).toBe(30);
  });

  it("counts the orders of an existing database once, leaving owed events to recovery", async () => {
    await busyShop(15);
    const id = new Types.ObjectId(await place(0));
    await world.newProcess("W").processor.process(id.toHexString());
    // A database from before the counters, where the last order still owes its events.
    await db.collection("dashboard_totals").drop();
    await db.collection("dashboard_buckets").drop();
    await db.collection("orders").updateOne({ _id: id }, { $set: { pendingLog: ["placed", "decided"] } });
    const fresh = new DashboardCounters(world.orders, world.clock, pino({ level: "silent" }), {
      rollUpIntervalMs: 0,
      processingMaxAgeMs: 0,
    });
    const owing = (await db.collection("orders").findOne({ _id: id })) as unknown as CountedOrder;
    expect(await fresh.overview()).toBeNull();
    expect(await fresh.apply(owing, "placed")).toBe(false); // nothing counted before the migration
    expect(await fresh.ensure()).toBe(true);
    expect(await fresh.ensure()).toBe(false);
    await world.recovery.run(); // the last order's events, by the same keys
    expect(await fresh.overview()).toEqual(await world.orders.overview());
  });
});

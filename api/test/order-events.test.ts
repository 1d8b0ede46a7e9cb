import { Types, type mongo } from "mongoose";
import type { OrderEvent } from "../src/modules/orders/order-store";
import { orderLogEntryId } from "../src/modules/orders/order-log";
import { OrderStatus } from "../src/modules/orders/order-status";
import { Role } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";
import { approvedOrderWorld } from "./helpers/order-world";

const ADMIN = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };

/**
 * The effects of order events (the log entry and what other modules add): each is applied until it
 * succeeds, and the order owes the event until every effect has.
 */
describe("order events", () => {
  const database = useModelDatabase("order-events");
  let db: mongo.Db;

  beforeAll(() => {
    db = database().connection.db!;
  });

  const order = async (id: string) => (await db.collection("orders").findOne({ _id: new Types.ObjectId(id) }))!;
  const entries = (id: string, event: OrderEvent) =>
    db.collection("logs").countDocuments({ _id: orderLogEntryId(new Types.ObjectId(id), event) });

  async function approvedOrder() {
    const made = await approvedOrderWorld(db);
    expect(await order(made.id)).toMatchObject({ status: "APPROVED", pendingLog: [] });
    return made;
  }

  it("logs a shipment once when the shipper dies before its entry, through recovery", async () => {
    const { script, world, id } = await approvedOrder();
    await script.spawn("admin", () => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED));
    await script.to("admin", "log:write"); // SHIPPED, owing its entry
    await script.crash("admin");
    expect(await order(id)).toMatchObject({ status: "SHIPPED", pendingLog: ["shipped"] });
    expect(await entries(id, "shipped")).toBe(0);
    script.controller.free = true;
    await world.recovery.run();
    await world.recovery.run();
    expect(await entries(id, "shipped")).toBe(1);
    expect((await order(id))["pendingLog"]).toEqual([]);
  });

  it("dates each entry by when its event happened, however late recovery writes it", async () => {
    const { script, world, id } = await approvedOrder();
    await script.spawn("admin", () => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED));
    await script.to("admin", "log:write");
    await script.crash("admin");
    world.clock.advance(5 * 60_000); // recovery comes five minutes later
    script.controller.free = true;
    await world.recovery.run();
    const stored = await order(id);
    const at = async (event: OrderEvent) =>
      (await db.collection<{ at: Date }>("logs").findOne({ _id: orderLogEntryId(new Types.ObjectId(id), event) }))?.at;
    expect(await at("placed")).toEqual(stored["createdAt"]);
    expect(await at("decided")).toEqual(stored["processedAt"]);
    expect(await at("shipped")).toEqual(stored["shippedAt"]);
    expect((stored["shippedAt"] as Date).getTime()).toBeLessThan(world.clock.now().getTime() - 60_000);
  });

  it("keeps the debt while an effect fails, and clears it once every effect has succeeded", async () => {
    const { script, world, id } = await approvedOrder();
    script.controller.free = true;
    const applied: string[] = [];
    let failing = true;
    world.orders.events.addEffect({
      name: "flaky",
      apply: (doc, event) => {
        applied.push(`${doc._id.toHexString()}:${event}`);
        if (failing) return Promise.reject(new Error("receiver down"));
        return Promise.resolve(true);
      },
    });
    await world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED);
    expect(await entries(id, "shipped")).toBe(1); // the log entry went through
    expect((await order(id))["pendingLog"]).toEqual(["shipped"]);
    await world.recovery.run();
    expect((await order(id))["pendingLog"]).toEqual(["shipped"]);
    failing = false;
    await world.recovery.run();
    expect((await order(id))["pendingLog"]).toEqual([]);
    expect(await entries(id, "shipped")).toBe(1);
    expect(applied).toEqual([`${id}:shipped`, `${id}:shipped`, `${id}:shipped`]);
  });
});

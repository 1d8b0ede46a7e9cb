import { Types, type mongo } from "mongoose";
import { systemClock } from "../src/clock";
import { OrderStatus } from "../src/modules/orders/order-status";
import { OrderModel } from "../src/modules/orders/order.model";
import { Role } from "../src/modules/users";
import { EndpointDirectory } from "../src/modules/webhooks/endpoint-directory";
import { orderDeliveriesEffect } from "../src/modules/webhooks/webhook-events";
import { WebhookOutbox } from "../src/modules/webhooks/webhook-outbox";
import { useModelDatabase } from "./helpers/database";
import { approvedOrderWorld } from "./helpers/order-world";

const ADMIN = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };

/**
 * The outbox is an effect of order events: an event whose process dies between the change and the
 * enqueue is still owed on the order, and recovery enqueues it; enqueueing twice writes one delivery.
 */
describe("the webhook outbox", () => {
  const database = useModelDatabase("webhook-outbox");
  let db: mongo.Db;

  beforeAll(() => {
    db = database().connection.db!;
  });

  const endpoint = async (events: string[], enabled = true) =>
    (
      await db.collection("webhook_endpoints").insertOne({
        url: "http://127.0.0.1:9/hook",
        events,
        description: "",
        secret: `whsec_${Buffer.alloc(32, 3).toString("base64")}`,
        enabled,
        failedInRow: 0,
      })
    ).insertedId;

  const approvedOrder = () => approvedOrderWorld(db);

  it("enqueues a shipment whose shipper died before the enqueue, once, through recovery", async () => {
    const { script, world, id } = await approvedOrder();
    const outbox = new WebhookOutbox(systemClock);
    world.orders.events.addEffect(orderDeliveriesEffect(outbox));
    const wanted = await endpoint(["order.status_changed"]);
    const other = await endpoint(["order.placed"]);
    const disabled = await endpoint(["order.status_changed"], false);
    await script.spawn("admin", () => world.orders.setFulfilmentStatus(ADMIN, id, OrderStatus.SHIPPED));
    await script.to("admin", "log:write"); // SHIPPED, owing its effects
    await script.crash("admin");
    const deliveries = db.collection("webhook_deliveries");
    expect(await deliveries.countDocuments({ eventId: `msg_${id}_shipped` })).toBe(0);
    script.controller.free = true;
    await world.recovery.run();
    await world.recovery.run();
    const rows = await deliveries.find({ eventId: `msg_${id}_shipped` }).toArray();
    expect(rows.map((r) => r["endpointId"] as Types.ObjectId)).toEqual([wanted]);
    expect(rows.map((r) => r["endpointId"] as Types.ObjectId)).not.toContainEqual(other);
    expect(rows.map((r) => r["endpointId"] as Types.ObjectId)).not.toContainEqual(disabled);
    expect(JSON.parse(rows[0]["payload"] as string)).toMatchObject({
      type: "order.status_changed",
      data: { orderId: id, status: "SHIPPED", previousStatus: "APPROVED" },
    });
    expect((await db.collection("orders").findOne({ _id: new Types.ObjectId(id) }))?.["pendingLog"]).toEqual([]);
  });

  it("writes one delivery per endpoint however often the event is enqueued", async () => {
    const { id } = await approvedOrder();
    const a = await endpoint(["order.status_changed"]);
    const b = await endpoint(["order.status_changed"]);
    const outbox = new WebhookOutbox(systemClock);
    const effect = orderDeliveriesEffect(outbox);
    const order = (await OrderModel.findById(id).exec())!;
    await Promise.all([effect.apply(order, "decided"), effect.apply(order, "decided")]);
    await effect.apply(order, "decided");
    const rows = await db
      .collection("webhook_deliveries")
      .find({ eventId: `msg_${id}_decided` })
      .toArray();
    expect(rows.map((r) => (r["endpointId"] as Types.ObjectId).toHexString()).sort()).toEqual(
      [a, b].map((x) => x.toHexString()).sort(),
    );
  });

  it("enqueues to the endpoints its directory knows, until a change is announced or the time runs out", async () => {
    const { id } = await approvedOrder();
    let now = 0;
    const directory = new EndpointDirectory(() => now, 1000);
    const effect = orderDeliveriesEffect(new WebhookOutbox(systemClock, undefined, directory));
    const order = (await OrderModel.findById(id).exec())!;
    const first = await endpoint(["order.status_changed"]);
    expect(await effect.apply(order, "decided")).toBe(true);
    const second = await endpoint(["order.status_changed"]); // not announced yet
    await db.collection("webhook_deliveries").deleteMany({});
    await effect.apply(order, "decided");
    const to = async () =>
      (
        await db
          .collection("webhook_deliveries")
          .find({ eventId: `msg_${id}_decided` })
          .toArray()
      )
        .map((r) => (r["endpointId"] as Types.ObjectId).toHexString())
        .sort();
    expect(await to()).toEqual([first.toHexString()]);

    directory.changed();
    await effect.apply(order, "decided");
    expect(await to()).toEqual([first, second].map((x) => x.toHexString()).sort());

    await db.collection("webhook_endpoints").updateOne({ _id: first }, { $set: { enabled: false } });
    await db.collection("webhook_deliveries").deleteMany({});
    now = 1001; // no announcement: the time limit
    await effect.apply(order, "decided");
    expect(await to()).toEqual([second.toHexString()]);
  });
});

import { Types, type mongo } from "mongoose";
import { orderInserter } from "../src/modules/orders/order-inserts";
import { OrderStatus } from "../src/modules/orders/order-status";
import { OrderModel, type OrderDocument } from "../src/modules/orders/order.model";
import { CustomerTier } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";

const newOrder = (overrides: Record<string, unknown> = {}): OrderDocument => {
  const productId = new Types.ObjectId();
  return new OrderModel({
    customerId: new Types.ObjectId(),
    tier: CustomerTier.PREMIUM,
    items: [{ productId, productName: "Widget", unitPriceCents: 250, quantity: 2, lineTotalCents: 500 }],
    totalCents: 500,
    status: OrderStatus.PENDING,
    priorityKey: 12.5,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    pendingLog: ["placed"],
    ...overrides,
  });
};

/** Placement's insert: one `save` each, or the orders placed together in one `insertMany`. */
describe("order inserts", () => {
  const database = useModelDatabase("order-inserts");
  let orders: mongo.Collection;

  beforeAll(() => {
    orders = database().connection.db!.collection("orders");
  });

  afterEach(() => jest.restoreAllMocks());

  const stored = async (doc: OrderDocument) => {
    const raw = await orders.findOne({ _id: doc._id });
    expect(raw).not.toBeNull();
    const { _id, updatedAt, ...rest } = raw!;
    expect(updatedAt).toBeInstanceOf(Date);
    return rest;
  };

  it("stores a grouped order exactly as save stores it", async () => {
    const alone = newOrder();
    const grouped = newOrder({ customerId: alone.customerId, items: alone.items.map((line) => ({ ...line })) });
    expect(await orderInserter(false)(alone)).toBe("inserted");
    expect(await orderInserter(true)(grouped)).toBe("inserted");
    expect(await stored(grouped)).toEqual(await stored(alone));
    expect(grouped.isNew).toBe(false);
  });

  it("writes the orders placed at the same time in one command, each caller told its own outcome", async () => {
    const insert = orderInserter(true);
    const spy = jest.spyOn(OrderModel.collection, "insertMany");
    const docs = Array.from({ length: 12 }, () => newOrder());
    expect(await Promise.all(docs.map((doc) => insert(doc)))).toEqual(docs.map(() => "inserted"));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await orders.countDocuments({ _id: { $in: docs.map((d) => d._id) } })).toBe(12);
  });

  it("tells a duplicate id apart, and stores the rest of its group", async () => {
    const insert = orderInserter(true);
    const first = newOrder();
    await insert(first);
    const again = newOrder({ _id: first._id, totalCents: 999 });
    const twinA = newOrder();
    const twinB = newOrder({ _id: twinA._id });
    const other = newOrder();
    const outcomes = await Promise.all([again, twinA, twinB, other].map((doc) => insert(doc)));
    expect(outcomes).toEqual(["duplicate", "inserted", "duplicate", "inserted"]);
    expect((await orders.findOne({ _id: first._id }))?.["totalCents"]).toBe(500);
    expect(await orders.countDocuments({ _id: { $in: [twinA._id, other._id] } })).toBe(2);
  });

  it("refuses an invalid order to its caller alone", async () => {
    const insert = orderInserter(true);
    const good = newOrder();
    const bad = newOrder({ status: "LOST" });
    const [goodOutcome, badOutcome] = await Promise.allSettled([insert(good), insert(bad)]);
    expect(goodOutcome).toEqual({ status: "fulfilled", value: "inserted" });
    expect(badOutcome.status).toBe("rejected");
    expect(String((badOutcome as PromiseRejectedResult).reason)).toMatch(/status/);
    expect(await orders.findOne({ _id: bad._id })).toBeNull();
  });

  it("refuses every caller of a group whose command fails", async () => {
    const insert = orderInserter(true);
    jest.spyOn(OrderModel.collection, "insertMany").mockRejectedValueOnce(new Error("connection reset"));
    const docs = [newOrder(), newOrder()];
    const outcomes = await Promise.allSettled(docs.map((doc) => insert(doc)));
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(await orders.countDocuments({ _id: { $in: docs.map((d) => d._id) } })).toBe(0);
  });
});

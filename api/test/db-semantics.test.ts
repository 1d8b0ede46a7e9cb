import { mongo } from "mongoose";
import { openTestDatabase } from "./helpers/database";

/**
 * The database semantics OrderFlow's correctness rests on (DESIGN.md, "holds"), proven against
 * whatever server the run uses: the embedded one, or a real MongoDB when MONGODB_URI is set.
 */
describe("database semantics", () => {
  let db: mongo.Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase("semantics"));
  });
  afterAll(async () => {
    await drop();
  });

  it("never oversells under concurrent conditional $inc", async () => {
    const products = db.collection<{ _id: string; stock: number }>("race");
    await products.insertOne({ _id: "p", stock: 100 });

    const results = await Promise.all(
      Array.from({ length: 500 }, () => products.updateOne({ _id: "p", stock: { $gte: 1 } }, { $inc: { stock: -1 } })),
    );

    const won = results.reduce((sum, r) => sum + r.modifiedCount, 0);
    expect(won).toBe(100);
    expect((await products.findOne({ _id: "p" }))?.stock).toBe(0);
  });

  it("matches every condition of a query that fixes _id, whatever index serves it", async () => {
    const orders = db.collection<{ _id: mongo.ObjectId; status: string; n: number }>("by-id");
    const [a, b] = [new mongo.ObjectId(), new mongo.ObjectId()];
    await orders.insertMany([
      { _id: a, status: "PENDING", n: 1 },
      { _id: b, status: "APPROVED", n: 2 },
    ]);
    expect(await orders.findOne({ _id: a, status: "APPROVED" })).toBeNull();
    expect(await orders.findOne({ _id: a, status: "PENDING" }, { projection: { n: 1 } })).toEqual({ _id: a, n: 1 });
    expect(await orders.find({ _id: a, n: { $gt: 1 } }).toArray()).toEqual([]);
    expect((await orders.updateOne({ _id: a, status: "APPROVED" }, { $set: { n: 9 } })).matchedCount).toBe(0);
    expect((await orders.updateOne({ _id: b, status: "APPROVED" }, { $inc: { n: 1 } })).modifiedCount).toBe(1);
    const moved = await orders.findOneAndUpdate(
      { _id: a, status: "PENDING", n: { $lt: 5 } },
      { $set: { status: "PROCESSING" } },
      { returnDocument: "after" },
    );
    expect(moved?.status).toBe("PROCESSING");
    expect(await orders.countDocuments({ _id: { $in: [a, b] }, status: { $ne: "PENDING" } })).toBe(2);
    expect(await orders.findOne({ _id: new mongo.ObjectId(), status: "PENDING" })).toBeNull();
  });

  it("gives a compare-and-set status change exactly one winner", async () => {
    const orders = db.collection<{ _id: string; status: string; claimId?: string }>("cas");
    await orders.insertOne({ _id: "o", status: "PENDING" });

    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        orders.updateOne({ _id: "o", status: "PENDING" }, { $set: { status: "PROCESSING", claimId: `c${i}` } }),
      ),
    );

    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
  });

  describe("the hold pattern", () => {
    type Hold = { orderId: mongo.ObjectId; claimId: string; quantity: number };
    type Product = { _id: string; stock: number; holds: Hold[] };
    const take = (orderId: mongo.ObjectId, claimId: string, quantity: number) => ({
      filter: { _id: "p", stock: { $gte: quantity }, "holds.orderId": { $ne: orderId } },
      update: { $inc: { stock: -quantity }, $push: { holds: { orderId, claimId, quantity } } },
    });
    const restore = (orderId: mongo.ObjectId, quantity: number) => ({
      filter: { _id: "p", holds: { $elemMatch: { orderId } } },
      update: { $inc: { stock: quantity }, $pull: { holds: { orderId } } },
    });

    it("takes a hold once per order however often the step runs", async () => {
      const products = db.collection<Product>("holds_once");
      await products.insertOne({ _id: "p", stock: 10, holds: [] });
      const order = new mongo.ObjectId();
      const { filter, update } = take(order, "c1", 3);

      const results = await Promise.all(Array.from({ length: 20 }, () => products.updateOne(filter, update)));

      expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
      const product = await products.findOne({ _id: "p" });
      expect(product?.stock).toBe(7);
      expect(product?.holds).toHaveLength(1);
    });

    it("restores a hold exactly once, whoever runs the restore", async () => {
      const products = db.collection<Product>("holds_restore");
      await products.insertOne({ _id: "p", stock: 10, holds: [] });
      const order = new mongo.ObjectId();
      const taken = take(order, "c1", 4);
      await products.updateOne(taken.filter, taken.update);
      const { filter, update } = restore(order, 4);

      const results = await Promise.all(Array.from({ length: 20 }, () => products.updateOne(filter, update)));

      expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
      expect(await products.findOne({ _id: "p" })).toEqual({ _id: "p", stock: 10, holds: [] });
    });

    it("keeps stock plus held units constant while many orders race", async () => {
      const products = db.collection<Product>("holds_many");
      await products.insertOne({ _id: "p", stock: 50, holds: [] });
      const orders = Array.from({ length: 80 }, () => new mongo.ObjectId());

      await Promise.all(
        orders.map(async (order, i) => {
          const taken = take(order, `c${i}`, 1 + (i % 3));
          const result = await products.updateOne(taken.filter, taken.update);
          // Half of the successful takers give their units back, as a rejected order would.
          if (result.modifiedCount === 1 && i % 2 === 0) {
            const undo = restore(order, 1 + (i % 3));
            await products.updateOne(undo.filter, undo.update);
          }
        }),
      );

      const product = await products.findOne({ _id: "p" });
      const held = product!.holds.reduce((sum, h) => sum + h.quantity, 0);
      expect(product!.stock).toBeGreaterThanOrEqual(0);
      expect(product!.stock + held).toBe(50);
      expect(new Set(product!.holds.map((h) => h.orderId.toHexString())).size).toBe(product!.holds.length);
    });
  });

  it("rejects a duplicate _id (idempotency keys) with code 11000, exactly one insert winning", async () => {
    const keys = db.collection<{ _id: string; orderId: number }>("idempotency");

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => keys.insertOne({ _id: "customer:key", orderId: i })),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect((r.reason as mongo.MongoServerError).code).toBe(11000);
    }
  });

  it("enforces a unique secondary index with code 11000", async () => {
    const users = db.collection<{ email: string }>("unique_users");
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: "a@example.com" });

    await expect(users.insertOne({ email: "a@example.com" })).rejects.toMatchObject({ code: 11000 });
    expect(await users.countDocuments()).toBe(1);
  });
});

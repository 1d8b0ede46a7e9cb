import { Types } from "mongoose";
import pino from "pino";
import { ManualClock } from "../src/clock";
import { LogService } from "../src/modules/logs";
import { ProductService } from "../src/modules/products";
import { ProductModel } from "../src/modules/products/product.model";
import { Role } from "../src/modules/users";
import { createAppPubSub } from "../src/pubsub/pubsub";
import { useModelDatabase } from "./helpers/database";

const ADMIN = { id: new Types.ObjectId().toHexString(), role: Role.ADMIN };

/**
 * The product list's totalCount is kept per search until a change could move it: a product
 * created, renamed or deleted on any instance (here two services on one pub/sub, as two instances
 * on Redis), not stock that orders move. Its pages are kept until any product changes at all.
 */
describe("product list counts and pages", () => {
  useModelDatabase("product-counts");
  const clock = new ManualClock(new Date("2026-12-01T10:00:00Z"));
  const pubSub = createAppPubSub();
  const logs = new LogService(pubSub, clock, pino({ level: "silent" }));
  const a = new ProductService(pubSub, logs, clock);
  const b = new ProductService(pubSub, logs, clock);

  afterAll(async () => {
    await a.close();
    await b.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const total = async (service: ProductService, search: string | null = null) =>
    await (
      await service.list(search, { first: 5 })
    ).totalCount;
  /** Lets pub/sub deliver what was published. */
  const delivered = () => new Promise((resolve) => setImmediate(resolve));

  it("counts once, until a product is created, renamed or deleted on any instance", async () => {
    const lamp = await a.create(ADMIN, { name: "Lamp", priceCents: 500, stock: 5 });
    await b.create(ADMIN, { name: "Desk lamp", priceCents: 900, stock: 2 });
    await delivered();
    const counts = jest.spyOn(ProductModel, "countDocuments");
    expect(await total(a)).toBe(2);
    expect(await total(a, "LAMP")).toBe(2);
    expect(await total(a)).toBe(2);
    expect(await total(a, "lamp")).toBe(2);
    expect(counts).toHaveBeenCalledTimes(2); // once per search

    await b.create(ADMIN, { name: "Chair", priceCents: 3000, stock: 1 });
    await delivered();
    expect(await total(a)).toBe(3);
    await b.update(ADMIN, lamp.id, { name: "Torch" });
    await delivered();
    expect(await total(a, "lamp")).toBe(1);
    await b.delete(ADMIN, lamp.id);
    await delivered();
    expect(await total(a)).toBe(2);
    expect(counts).toHaveBeenCalledTimes(5);
  });

  it("keeps the count while orders move stock", async () => {
    const chair = await a.create(ADMIN, { name: "Stool", priceCents: 100, stock: 10 });
    const before = await total(a);
    const counts = jest.spyOn(ProductModel, "countDocuments");
    const orderId = new Types.ObjectId();
    expect((await b.stockHolds.take(new Types.ObjectId(chair.id), orderId, "claim", 2)).held).toBe(true);
    expect(await b.stockHolds.restore(new Types.ObjectId(chair.id), orderId, 2, "claim")).toBe(true);
    await delivered();
    expect(await total(a)).toBe(before);
    expect(counts).not.toHaveBeenCalled();
  });

  const stockOf = async (service: ProductService, id: string, first = 7) =>
    (await service.list(null, { first })).nodes.find((node) => node.id === id)?.stock;

  it("reads a page once while nothing changes, and again once an order moves stock anywhere", async () => {
    const mug = await a.create(ADMIN, { name: "Mug", priceCents: 400, stock: 8 });
    await delivered();
    const finds = jest.spyOn(ProductModel, "find");
    expect(await stockOf(a, mug.id)).toBe(8);
    expect(await stockOf(a, mug.id)).toBe(8);
    expect(finds).toHaveBeenCalledTimes(1);
    // Another page, or another search, is another read.
    expect(await stockOf(a, mug.id, 8)).toBe(8);
    expect(finds).toHaveBeenCalledTimes(2);

    const orderId = new Types.ObjectId();
    expect((await b.stockHolds.take(new Types.ObjectId(mug.id), orderId, "claim", 3)).held).toBe(true);
    await delivered();
    expect(await stockOf(a, mug.id)).toBe(5);
    expect(finds).toHaveBeenCalledTimes(3);
    await a.setStock(ADMIN, mug.id, 20); // this instance's own change: no wait for pub/sub
    expect(await stockOf(a, mug.id)).toBe(20);
  });

  it("believes a page one second at most, in case an announcement is lost", async () => {
    const pen = await a.create(ADMIN, { name: "Pen", priceCents: 100, stock: 4 });
    await delivered();
    expect(await stockOf(a, pen.id)).toBe(4);
    await ProductModel.updateOne({ _id: pen.id }, { $set: { stock: 9 } }).exec(); // announced nowhere
    expect(await stockOf(a, pen.id)).toBe(4);
    clock.advance(1_000);
    expect(await stockOf(a, pen.id)).toBe(9);
  });
});

import { Types, type mongo } from "mongoose";
import { ManualClock } from "../src/clock";
import { noSeam } from "../src/lib/seam";
import { OrderRejectionCode } from "../src/modules/orders/order-rejection";
import { OrderStore } from "../src/modules/orders/order-store";
import { OrderStatus } from "../src/modules/orders/order-status";
import { OrderModel } from "../src/modules/orders/order.model";
import { CustomerTier } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";

/**
 * The pipeline's steps go through the driver, without mongoose's casting and timestamps: what
 * they store must be what mongoose's update of the same fields stored.
 */
describe("order store steps through the driver", () => {
  const database = useModelDatabase("order-store");
  const clock = new ManualClock(new Date("2030-01-01T10:00:00Z"));
  const store = new OrderStore(clock, noSeam);
  let orders: mongo.Collection;

  beforeAll(() => {
    orders = database().connection.db!.collection("orders");
  });

  /** Two identical PENDING orders, saved by mongoose. */
  const twins = async () => {
    const productId = new Types.ObjectId();
    const fields = {
      customerId: new Types.ObjectId(),
      tier: CustomerTier.STANDARD,
      items: [{ productId, productName: "Widget", unitPriceCents: 250, quantity: 2, lineTotalCents: 500 }],
      totalCents: 500,
      status: OrderStatus.PENDING,
      priorityKey: 3,
      createdAt: new Date("2030-01-01T09:59:00Z"),
      pendingLog: [],
    };
    const a = await new OrderModel(fields).save();
    const b = await new OrderModel(fields).save();
    return { a, b, productId };
  };

  const raw = async (id: Types.ObjectId) => {
    const { _id, updatedAt, ...rest } = (await orders.findOne({ _id: id }))!;
    return { rest, updatedAt: updatedAt as Date };
  };

  it("claims (by a hex id too) and rejects as mongoose's update did, and keeps updatedAt", async () => {
    const { a, b, productId } = await twins();
    const claimed = await store.claim(a._id.toHexString(), "claim-1", "worker", 30_000);
    expect(claimed?._id).toBeInstanceOf(Types.ObjectId);
    expect(claimed?.status).toBe(OrderStatus.PROCESSING);
    const now = clock.now();
    await OrderModel.findOneAndUpdate(
      { _id: b._id, status: OrderStatus.PENDING },
      {
        $set: {
          status: OrderStatus.PROCESSING,
          claim: { claimId: "claim-1", owner: "worker", until: new Date(now.getTime() + 30_000) },
          claimedAt: now,
        },
      },
    ).exec();
    expect((await raw(a._id)).rest).toEqual((await raw(b._id)).rest);
    expect((await raw(a._id)).updatedAt).toEqual(now);

    clock.advance(1000);
    const rejection = {
      code: OrderRejectionCode.INSUFFICIENT_STOCK,
      productId,
      productName: "Widget",
      requestedQuantity: 2,
      availableQuantity: 1,
    } as const;
    const rejected = await store.reject(claimed!, "claim-1", rejection);
    expect(rejected?.status).toBe(OrderStatus.REJECTED);
    expect(rejected?.pendingLog).toEqual(["decided"]);
    const stored = await raw(a._id);
    expect(stored.updatedAt).toEqual(clock.now());
    expect(stored.rest["rejection"]).toEqual({
      code: OrderRejectionCode.INSUFFICIENT_STOCK,
      productId,
      productName: "Widget",
      requestedQuantity: 2,
      availableQuantity: 1,
      requiredCents: null,
      availableCents: null,
    });
    // Mongoose casts the same rejection to the same stored subdocument.
    await OrderModel.findOneAndUpdate({ _id: b._id }, { $set: { rejection: stored.rest["rejection"] } }).exec();
    expect((await raw(b._id)).rest["rejection"]).toEqual(stored.rest["rejection"]);
  });

  it("changes nothing for a claim that is not the order's", async () => {
    const { a } = await twins();
    const claimed = await store.claim(a._id, "claim-2", "worker", 30_000);
    const before = await orders.findOne({ _id: a._id });
    clock.advance(1000);
    expect(await store.commit(claimed!, "someone-else")).toBeNull();
    expect(await store.backToPending(claimed!, "someone-else", clock.now())).toBeNull();
    expect(await store.renew(a._id, "someone-else", 30_000)).toBe(false);
    expect(await orders.findOne({ _id: a._id })).toEqual(before);
    const approved = await store.commit(claimed!, "claim-2");
    expect(approved).toMatchObject({ status: OrderStatus.APPROVED, committedClaimId: "claim-2", claim: null });
    expect(approved?.updatedAt).toEqual(clock.now());
  });
});

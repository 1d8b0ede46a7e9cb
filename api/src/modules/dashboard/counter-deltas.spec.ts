import { Types } from "mongoose";
import { OrderStatus } from "../orders/order-status";
import { CustomerTier } from "../users/role";
import {
  addCounts,
  batchKey,
  emptyCounts,
  eventDeltas,
  eventKey,
  eventMinute,
  pastEvents,
  shardOf,
  type CountedOrder,
} from "./counter-deltas";

const at = new Date("2031-01-01T10:00:30Z");

function order(status: OrderStatus, extra: Partial<CountedOrder> = {}): CountedOrder {
  const decided = status !== OrderStatus.PENDING && status !== OrderStatus.PROCESSING;
  return {
    _id: new Types.ObjectId(),
    tier: CustomerTier.PREMIUM,
    totalCents: 700,
    status,
    outcome: !decided
      ? null
      : status === OrderStatus.REJECTED
        ? OrderStatus.REJECTED
        : status === OrderStatus.CANCELLED
          ? null
          : OrderStatus.APPROVED,
    cancelledFrom: status === OrderStatus.CANCELLED ? OrderStatus.PENDING : null,
    waitMs: decided ? 250 : null,
    createdAt: at,
    processedAt: decided ? new Date(at.getTime() + 90_000) : null,
    cancelledAt: null,
    shippedAt: null,
    deliveredAt: null,
    batchId: null,
    ...extra,
  };
}

const counted = (o: CountedOrder) =>
  pastEvents(o).reduce((sum, event) => addCounts(sum, eventDeltas(o, event)), emptyCounts());

describe("counter deltas", () => {
  describe("eventDeltas()", () => {
    it.each([
      [OrderStatus.PENDING, "open"],
      [OrderStatus.APPROVED, "approved"],
      [OrderStatus.REJECTED, "rejected"],
      [OrderStatus.CANCELLED, "cancelled"],
      [OrderStatus.SHIPPED, "shipped"],
      [OrderStatus.DELIVERED, "delivered"],
    ] as const)("adds a %s order's past events up to one order in that status", (status, field) => {
      const counts = counted(order(status));
      const statusFields = ["open", "approved", "rejected", "cancelled", "shipped", "delivered"] as const;
      expect(Object.fromEntries(statusFields.map((f) => [f, counts[f]]))).toEqual({
        ...Object.fromEntries(statusFields.map((f) => [f, 0])),
        [field]: 1,
      });
    });

    it("counts revenue while approved, shipped or delivered, and takes it back on cancellation", () => {
      expect(counted(order(OrderStatus.DELIVERED)).revenueCents).toBe(700);
      const cancelledApproved = order(OrderStatus.CANCELLED, {
        outcome: OrderStatus.APPROVED,
        cancelledFrom: OrderStatus.APPROVED,
      });
      expect(counted(cancelledApproved)).toMatchObject({ revenueCents: 0, approved: 0, cancelled: 1 });
      expect(counted(cancelledApproved).outcomeApproved).toBe(1);
    });

    it("treats a cancelled approved order without cancelledFrom (older documents) as cancelled after approval", () => {
      const old = order(OrderStatus.CANCELLED, { outcome: OrderStatus.APPROVED, cancelledFrom: null });
      expect(counted(old)).toMatchObject({ open: 0, approved: 0, revenueCents: 0, cancelled: 1 });
    });

    it("adds a decision's wait to its tier", () => {
      expect(eventDeltas(order(OrderStatus.REJECTED), "decided")).toMatchObject({
        waitMsPremium: 250,
        decidedPremium: 1,
      });
    });
  });

  describe("eventMinute()", () => {
    it("counts an event in the minute of its own timestamp, or of the placement when it has none", () => {
      const shipped = order(OrderStatus.SHIPPED, { shippedAt: new Date("2031-01-02T08:15:59Z") });
      expect(new Date(eventMinute(shipped, "shipped")).toISOString()).toBe("2031-01-02T08:15:00.000Z");
      expect(new Date(eventMinute(order(OrderStatus.SHIPPED), "shipped")).toISOString()).toBe(
        "2031-01-01T10:00:00.000Z",
      );
      expect(new Date(eventMinute(shipped, "decided")).toISOString()).toBe("2031-01-01T10:02:00.000Z");
    });
  });

  describe("keys and shards", () => {
    it("gives each event of an order its own key", () => {
      const id = new Types.ObjectId();
      const events = ["placed", "decided", "cancelled", "shipped", "delivered"] as const;
      expect(new Set(events.map((e) => eventKey(id, e))).size).toBe(events.length);
    });

    it("puts a generated order in its batch's shard, apart from its own key", () => {
      const batchId = new Types.ObjectId();
      const generated = Array.from({ length: 20 }, () => order(OrderStatus.PENDING, { batchId }));
      expect(new Set(generated.map(shardOf))).toEqual(new Set([shardOf({ _id: batchId, batchId: null })]));
      expect(batchKey(batchId)).not.toBe(eventKey(batchId, "placed"));
    });
  });
});

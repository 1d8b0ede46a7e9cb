import { CustomerTier } from "../users/role";
import { OrderStatus } from "./order-status";
import { OrderModel } from "./order.model";

/** Per-tier figures of the scheduler over the whole database. */
export interface OrderFigures {
  readonly queued: number;
  readonly inFlight: number;
  readonly processedTotal: number;
  readonly approvedTotal: number;
  readonly rejectedTotal: number;
  readonly meanWaitMsPremium: number | null;
  readonly meanWaitMsStandard: number | null;
}

/** The order side of the admin dashboard. */
export interface OrderOverview {
  readonly orderCount: number;
  readonly revenueCents: number;
  readonly ordersByStatus: ReadonlyArray<{ status: OrderStatus; count: number }>;
  /** Approved/rejected per minute, the last 60 minutes, oldest first. */
  readonly throughput: ReadonlyArray<{ minute: Date; approved: number; rejected: number }>;
  readonly figures: OrderFigures;
}

/**
 * Every order figure of the dashboard and the scheduler in one pass over the orders ($facet):
 * counts by status, revenue (approved, shipped, delivered), approved/rejected per minute for the
 * last hour (oldest first), and the mean wait per tier over the orders decided in that hour.
 * The recount that the dashboard's counters must always agree with (once no event is owed).
 */
export async function recountOverview(at: Date): Promise<OrderOverview> {
  const now = at.getTime();
  const firstMinute = now - (now % 60_000) - 59 * 60_000;
  const [facets] = await OrderModel.aggregate<{
    byStatus: Array<{ _id: OrderStatus; n: number }>;
    byOutcome: Array<{ _id: OrderStatus; n: number }>;
    revenue: Array<{ cents: number }>;
    throughput: Array<{ _id: { minute: Date; outcome: OrderStatus }; n: number }>;
    waits: Array<{ _id: CustomerTier; mean: number }>;
  }>([
    {
      $facet: {
        byStatus: [{ $group: { _id: "$status", n: { $sum: 1 } } }],
        byOutcome: [{ $match: { outcome: { $ne: null } } }, { $group: { _id: "$outcome", n: { $sum: 1 } } }],
        revenue: [
          { $match: { status: { $in: [OrderStatus.APPROVED, OrderStatus.SHIPPED, OrderStatus.DELIVERED] } } },
          { $group: { _id: null, cents: { $sum: "$totalCents" } } },
        ],
        throughput: [
          { $match: { processedMinute: { $gte: new Date(firstMinute) } } },
          { $group: { _id: { minute: "$processedMinute", outcome: "$outcome" }, n: { $sum: 1 } } },
        ],
        waits: [
          { $match: { processedMinute: { $gte: new Date(firstMinute) } } },
          { $group: { _id: "$tier", mean: { $avg: "$waitMs" } } },
        ],
      },
    },
  ]).exec();
  const count = (rows: Array<{ _id: OrderStatus; n: number }>, status: OrderStatus) =>
    rows.find((r) => r._id === status)?.n ?? 0;
  const byStatus = Object.values(OrderStatus).map((status) => ({ status, count: count(facets.byStatus, status) }));
  const approvedTotal = count(facets.byOutcome, OrderStatus.APPROVED);
  const rejectedTotal = count(facets.byOutcome, OrderStatus.REJECTED);
  const mean = (tier: CustomerTier) => facets.waits.find((w) => w._id === tier)?.mean ?? null;
  const throughput = Array.from({ length: 60 }, (_, i) => {
    const minute = firstMinute + i * 60_000;
    const at = (outcome: OrderStatus) =>
      facets.throughput.find((t) => new Date(t._id.minute).getTime() === minute && t._id.outcome === outcome)?.n ?? 0;
    return { minute: new Date(minute), approved: at(OrderStatus.APPROVED), rejected: at(OrderStatus.REJECTED) };
  });
  return {
    orderCount: byStatus.reduce((sum, s) => sum + s.count, 0),
    revenueCents: facets.revenue[0]?.cents ?? 0,
    ordersByStatus: byStatus,
    throughput,
    figures: {
      queued: count(facets.byStatus, OrderStatus.PENDING),
      inFlight: count(facets.byStatus, OrderStatus.PROCESSING),
      processedTotal: approvedTotal + rejectedTotal,
      approvedTotal,
      rejectedTotal,
      meanWaitMsPremium: mean(CustomerTier.PREMIUM),
      meanWaitMsStandard: mean(CustomerTier.STANDARD),
    },
  };
}

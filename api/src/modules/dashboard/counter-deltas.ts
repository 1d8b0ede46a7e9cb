import type { Types } from "mongoose";
// The orders module's files, not its index.ts: the pub/sub types its events with them (see
// dashboard.type.ts), and these are plain types and pure functions.
import { eventTime, type OrderEvent } from "../orders/order-store";
import { OrderStatus } from "../orders/order-status";
import type { OrderEntity } from "../orders/order.model";
import { CustomerTier } from "../users/role";

/**
 * The dashboard's additive figures. `open` counts PENDING and PROCESSING orders together:
 * claiming an order is no event, so the counters cannot tell those two apart.
 */
export interface Counts {
  open: number;
  approved: number;
  rejected: number;
  cancelled: number;
  shipped: number;
  delivered: number;
  /** Decisions by outcome (kept when the order is later cancelled, shipped or delivered). */
  outcomeApproved: number;
  outcomeRejected: number;
  /** Σ totals of APPROVED, SHIPPED and DELIVERED orders. */
  revenueCents: number;
  waitMsPremium: number;
  decidedPremium: number;
  waitMsStandard: number;
  decidedStandard: number;
}

export const COUNT_FIELDS: ReadonlyArray<keyof Counts> = [
  "open",
  "approved",
  "rejected",
  "cancelled",
  "shipped",
  "delivered",
  "outcomeApproved",
  "outcomeRejected",
  "revenueCents",
  "waitMsPremium",
  "decidedPremium",
  "waitMsStandard",
  "decidedStandard",
];

export const emptyCounts = (): Counts =>
  Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as unknown as Counts;

/** `into += add`, field by field (missing fields count as 0). */
export function addCounts(into: Counts, add: Partial<Counts> | undefined | null): Counts {
  if (add) for (const field of COUNT_FIELDS) into[field] += add[field] ?? 0;
  return into;
}

/** What the counters read of an order. */
export type CountedOrder = Pick<
  OrderEntity,
  | "_id"
  | "tier"
  | "totalCents"
  | "status"
  | "outcome"
  | "cancelledFrom"
  | "waitMs"
  | "createdAt"
  | "processedAt"
  | "cancelledAt"
  | "shippedAt"
  | "deliveredAt"
  | "batchId"
>;

export const MINUTE_MS = 60_000;
export const minuteOf = (at: Date | number): number => {
  const ms = typeof at === "number" ? at : at.getTime();
  return ms - (ms % MINUTE_MS);
};

/** The minute an event is counted in: the minute it happened (see eventTime). */
export function eventMinute(order: CountedOrder, event: OrderEvent): number {
  return minuteOf(eventTime(order, event));
}

/** Whether the order was cancelled after approval (older orders lack `cancelledFrom`). */
const cancelledApproved = (order: CountedOrder) =>
  (order.cancelledFrom ?? (order.outcome === OrderStatus.APPROVED ? OrderStatus.APPROVED : null)) ===
  OrderStatus.APPROVED;

/** How one event of the order changes the figures. */
export function eventDeltas(order: CountedOrder, event: OrderEvent): Partial<Counts> {
  switch (event) {
    case "placed":
      return { open: 1 };
    case "decided": {
      const approved = order.outcome === OrderStatus.APPROVED;
      const premium = order.tier === CustomerTier.PREMIUM;
      return {
        open: -1,
        ...(approved
          ? { approved: 1, outcomeApproved: 1, revenueCents: order.totalCents }
          : { rejected: 1, outcomeRejected: 1 }),
        ...(premium
          ? { waitMsPremium: order.waitMs ?? 0, decidedPremium: 1 }
          : { waitMsStandard: order.waitMs ?? 0, decidedStandard: 1 }),
      };
    }
    case "cancelled":
      return cancelledApproved(order)
        ? { approved: -1, revenueCents: -order.totalCents, cancelled: 1 }
        : { open: -1, cancelled: 1 };
    case "shipped":
      return { approved: -1, shipped: 1 };
    case "delivered":
      return { shipped: -1, delivered: 1 };
  }
}

/** The events an order has had, judged from its state (the recount and the migration). */
export function pastEvents(order: CountedOrder): OrderEvent[] {
  const events: OrderEvent[] = ["placed"];
  if (order.outcome !== null && order.outcome !== undefined) events.push("decided");
  if (order.status === OrderStatus.CANCELLED) events.push("cancelled");
  if (order.status === OrderStatus.SHIPPED || order.status === OrderStatus.DELIVERED) events.push("shipped");
  if (order.status === OrderStatus.DELIVERED) events.push("delivered");
  return events;
}

/** Buckets per minute: each event goes to one, by its order (or batch) id, to keep them small. */
export const SHARDS = 8;

/** The shard of an order's events: its batch's for generated orders, so a batch is one update. */
export function shardOf(order: Pick<CountedOrder, "_id" | "batchId">): number {
  const id: Types.ObjectId = order.batchId ?? order._id;
  return id.id[11] % SHARDS;
}

/** One letter per event, for short keys. */
const EVENT_LETTER: Readonly<Record<OrderEvent, string>> = {
  placed: "p",
  decided: "d",
  cancelled: "c",
  shipped: "s",
  delivered: "v",
};

/** The key that makes an event count once. */
export const eventKey = (orderId: Types.ObjectId, event: OrderEvent): string =>
  `${orderId.toHexString()}${EVENT_LETTER[event]}`;

/** The key of a whole batch of generated orders' "placed" events. */
export const batchKey = (batchId: Types.ObjectId): string => `b${batchId.toHexString()}`;

import type { mongo } from "mongoose";

/** What a status change of an order is, by the status it sets. */
const ORDER_TRANSITIONS: Readonly<Record<string, string>> = {
  PROCESSING: "claim",
  APPROVED: "commit",
  REJECTED: "reject",
  PENDING: "back to pending / reclaim",
  CANCELLED: "cancel",
  SHIPPED: "fulfil",
  DELIVERED: "fulfil",
};

interface CommandShape {
  readonly insert?: string;
  readonly find?: string;
  readonly findAndModify?: string;
  readonly update?:
    | string
    | {
        $set?: Record<string, unknown>;
        $push?: Record<string, unknown>;
        $pull?: Record<string, unknown>;
        $inc?: Record<string, unknown>;
      };
  readonly updates?: ReadonlyArray<{
    u?: {
      $set?: Record<string, unknown>;
      $push?: Record<string, unknown>;
      $pull?: Record<string, unknown>;
      $inc?: Record<string, unknown>;
    };
  }>;
  readonly aggregate?: string;
  readonly count?: string;
  readonly delete?: string;
}

/**
 * The pipeline step a database command belongs to, read from the command itself (its collection
 * and the shape of its update): placement, session and pricing reads, idempotency, claim, holds,
 * commit, settle, log entries, recovery reads, and so on.
 */
export function commandKind(event: mongo.CommandStartedEvent): string {
  const command = event.command as CommandShape;
  const name = event.commandName;
  const target = (event.command as Record<string, unknown>)[name];
  const collection = typeof target === "string" ? target : "?";
  const update = command.findAndModify !== undefined ? command.update : command.updates?.[0]?.u;
  const set = typeof update === "object" ? update.$set : undefined;
  if (collection === "order_idempotency_keys") return "idempotency key";
  if (collection === "dashboard_buckets" && name === "update") return "dashboard counters: count event";
  if (collection.startsWith("dashboard_")) return `dashboard counters: ${name}`;
  if (collection === "logs") return name === "insert" ? "log entry" : `log ${name}`;
  if (collection === "orders") {
    if (name === "insert") return "placement: insert order";
    if (name === "find") return "orders: reads (poll, claim states, recovery)";
    if (typeof update === "object") {
      const status = set?.["status"];
      if (typeof status === "string") return `order: ${ORDER_TRANSITIONS[status] ?? status}`;
      if (set?.["claim.until"] !== undefined) return "order: lease renewal";
      if (update.$pull?.["pendingLog"] !== undefined) return "order: log entry marked";
      if (set?.["refundPending"] !== undefined) return "order: refund done";
    }
    return `orders: ${name}`;
  }
  if (collection === "users" && typeof update === "object") {
    const bucket = (update.$set ?? {})["placeTat"] ?? (update.$inc ?? {})["placeTat"];
    if (bucket !== undefined) return "fair use: bucket and waiting list";
  }
  if (collection === "products" || collection === "users") {
    const holder = collection === "products" ? "stock" : "budget";
    if (typeof update === "object") {
      if (update.$push?.["holds"] !== undefined) return `${holder}: take hold`;
      if (update.$push?.["refunds"] !== undefined) return `${holder}: refund`;
      if (update.$pull?.["holds"] !== undefined)
        return update.$inc === undefined ? `${holder}: settle` : `${holder}: restore`;
    }
    if (name === "find")
      return collection === "products" ? "products: reads (pricing, holds)" : "users: reads (session, customer, holds)";
    return `${collection}: ${name}`;
  }
  return `${collection}: ${name}`;
}

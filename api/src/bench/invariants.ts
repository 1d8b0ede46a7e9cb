import type { mongo } from "mongoose";

/** Statuses whose holds have become sold units and spent money (released at shipping). */
const SOLD = new Set(["SHIPPED", "DELIVERED"]);
/** Statuses whose total counts as spent by the customer. */
const SPENT = new Set(["APPROVED", "SHIPPED", "DELIVERED"]);
const KNOWN = new Set(["PENDING", "PROCESSING", "APPROVED", "REJECTED", "CANCELLED", "SHIPPED", "DELIVERED"]);

interface StoredHold {
  readonly orderId: unknown;
  readonly claimId: string;
  readonly quantity?: number;
  readonly amountCents?: number;
}

interface StoredOrder {
  readonly _id: unknown;
  readonly customerId: unknown;
  readonly status: string;
  readonly totalCents: number;
  readonly committedClaimId?: string | null;
  readonly items: ReadonlyArray<{ productId: unknown; quantity: number }>;
}

const add = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);

/** A violation of DESIGN.md's invariants, readable in a failure message. */
export type Violation = string;

/**
 * The invariants of DESIGN.md ("Orders … holds"), read straight from the database. One check for
 * the benchmarks and the tests (test/helpers/invariants.ts re-exports it), so both hold the system
 * to the same rules:
 * - every order in a known state;
 * - per product: receivedTotal = stock + Σ holds + Σ quantities of SHIPPED/DELIVERED orders, stock ≥ 0;
 * - per customer: depositedCents = budgetCents + Σ holds + Σ totals of SHIPPED/DELIVERED orders,
 *   budgetCents ≥ 0;
 * - with `drained` (the queue is empty): no order left PENDING or PROCESSING, totalSpentCents =
 *   Σ totals of APPROVED/SHIPPED/DELIVERED orders, and the only holds left belong to APPROVED
 *   orders, under their committed claim.
 * @returns the violations, readable; empty when everything holds.
 */
export async function checkInvariants(db: mongo.Db, { drained }: { drained: boolean }): Promise<Violation[]> {
  const violations: Violation[] = [];
  const [products, customers, orders] = await Promise.all([
    db.collection("products").find().toArray(),
    db.collection("users").find({ role: "CUSTOMER" }).toArray(),
    db.collection<StoredOrder>("orders").find().toArray() as Promise<StoredOrder[]>,
  ]);
  const ordersById = new Map(orders.map((o) => [String(o._id), o]));
  const soldUnits = new Map<string, number>();
  const soldCents = new Map<string, number>();
  const spentCents = new Map<string, number>();
  for (const order of orders) {
    if (!KNOWN.has(order.status)) violations.push(`order ${String(order._id)} has unknown status ${order.status}`);
    if (drained && (order.status === "PENDING" || order.status === "PROCESSING")) {
      violations.push(`order ${String(order._id)} is still ${order.status}`);
    }
    const customer = String(order.customerId);
    if (SPENT.has(order.status)) add(spentCents, customer, order.totalCents);
    if (SOLD.has(order.status)) {
      add(soldCents, customer, order.totalCents);
      for (const line of order.items) add(soldUnits, String(line.productId), line.quantity);
    }
  }

  const strayHolds = (owner: string, holds: readonly StoredHold[]) => {
    if (!drained) return;
    for (const hold of holds) {
      const order = ordersById.get(String(hold.orderId));
      if (order?.status !== "APPROVED" || order.committedClaimId !== hold.claimId) {
        violations.push(`${owner} keeps a hold of order ${String(hold.orderId)} (${order?.status ?? "unknown"})`);
      }
    }
  };

  for (const product of products) {
    const id = String(product["_id"]);
    const holds = (product["holds"] ?? []) as StoredHold[];
    const stock = product["stock"] as number;
    const held = holds.reduce((sum, h) => sum + (h.quantity ?? 0), 0);
    const sold = soldUnits.get(id) ?? 0;
    if (stock < 0) violations.push(`product ${id} has negative stock ${stock}`);
    if (product["receivedTotal"] !== stock + held + sold) {
      violations.push(
        `product ${id}: receivedTotal ${String(product["receivedTotal"])} ≠ stock ${stock} + held ${held} + sold ${sold}`,
      );
    }
    strayHolds(`product ${id}`, holds);
  }

  for (const customer of customers) {
    const id = String(customer["_id"]);
    const holds = (customer["holds"] ?? []) as StoredHold[];
    const budget = customer["budgetCents"] as number;
    const held = holds.reduce((sum, h) => sum + (h.amountCents ?? 0), 0);
    const sold = soldCents.get(id) ?? 0;
    if (budget < 0) violations.push(`customer ${id} has a negative budget ${budget}`);
    if (customer["depositedCents"] !== budget + held + sold) {
      violations.push(
        `customer ${id}: depositedCents ${String(customer["depositedCents"])} ≠ budget ${budget} + held ${held} + sold ${sold}`,
      );
    }
    const spent = spentCents.get(id) ?? 0;
    if (drained && customer["totalSpentCents"] !== spent) {
      violations.push(`customer ${id}: totalSpentCents ${String(customer["totalSpentCents"])} ≠ Σ spent ${spent}`);
    }
    strayHolds(`customer ${id}`, holds);
  }
  return violations;
}

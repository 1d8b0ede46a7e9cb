import type { mongo } from "mongoose";

/** Statuses whose committed claim's units and money are sold and spent. */
const COMMITTED = new Set(["APPROVED", "SHIPPED", "DELIVERED"]);
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
  readonly outcome?: string | null;
  readonly claim?: { claimId: string } | null;
  readonly committedClaimId?: string | null;
  readonly cancelledFrom?: string | null;
  readonly refundPending?: boolean;
  readonly customerDeleted?: boolean;
  readonly items: ReadonlyArray<{ productId: unknown; quantity: number }>;
}

interface Holder {
  readonly id: string;
  readonly what: string;
  readonly available: number;
  readonly total: number;
  readonly holds: readonly StoredHold[];
  readonly refunds: ReadonlySet<string>;
}

/** A violation of DESIGN.md's invariants, readable in a failure message. */
export type Violation = string;

export interface InvariantOptions {
  /**
   * The queue is drained and recovery has run since: no order is PENDING or PROCESSING, no refund
   * is pending, and no hold is left on any document.
   */
  readonly drained: boolean;
}

/**
 * DESIGN.md's invariants (holds, version 2), read straight from the database: the one check of
 * the tests, the explorer and the benchmarks. "Committed" means under the committedClaimId of an
 * APPROVED, SHIPPED or DELIVERED order.
 * - per product: receivedTotal = stock + Σ uncommitted holds + Σ its lines in committed orders +
 *   Σ its lines in cancelled approved orders whose hold is gone and whose refund marker is not
 *   here yet; the same for each customer's money (depositedCents, budgetCents, totals), and
 *   depositedCents = budgetCents + totalSpentCents;
 * - every committed order's units and money are accounted exactly once: no refund marker for it
 *   anywhere, one hold of it at most per document; no marker for an order never approved;
 * - stock and budgets never negative; every order in a known state with the fields its state
 *   implies; no order marked for a deleted customer is approved;
 * - drained: nothing open, nothing refunding, no hold left, totalSpentCents = Σ committed totals.
 * Sampled while orders move, a holder's balance is left out of that sample when one of its orders
 * was committed or cancelled between the reads (the reads are not one snapshot).
 * @returns the violations, readable; empty when everything holds.
 */
export async function checkInvariants(db: mongo.Db, { drained }: InvariantOptions): Promise<Violation[]> {
  const violations: Violation[] = [];
  // Orders before and after the holders: a sample taken while the pipeline runs is no snapshot, so
  // the balance of a holder is judged only where none of its orders changed class in between.
  const readOrders = async () => (await db.collection<StoredOrder>("orders").find().toArray()) as StoredOrder[];
  const ordersBefore = new Map((await readOrders()).map((o) => [String(o._id), o]));
  const [products, customers] = await Promise.all([
    db.collection("products").find().toArray(),
    db.collection("users").find({ role: "CUSTOMER" }).toArray(),
  ]);
  const orders = await readOrders();
  const byId = new Map(orders.map((o) => [String(o._id), o]));
  const moving = new Set<string>();
  for (const order of orders) {
    if (classOf(order) === classOf(ordersBefore.get(String(order._id)))) continue;
    for (const line of order.items) moving.add(String(line.productId));
    moving.add(String(order.customerId));
  }
  const committed = (hold: StoredHold) => {
    const order = byId.get(String(hold.orderId));
    return order !== undefined && COMMITTED.has(order.status) && order.committedClaimId === hold.claimId;
  };
  for (const order of orders) violations.push(...checkOrder(order, drained));

  const holders: Holder[] = [
    ...products.map((doc) => holder("product", doc, "stock", "receivedTotal")),
    ...customers.map((doc) => holder("customer", doc, "budgetCents", "depositedCents")),
  ];
  // What each committed or refunding order owes each holder: its lines' units, its total in cents.
  const owed = new Map<string, Array<{ order: StoredOrder; amount: number }>>();
  const owe = (holderId: string, order: StoredOrder, amount: number) =>
    owed.set(holderId, [...(owed.get(holderId) ?? []), { order, amount }]);
  for (const order of orders) {
    for (const line of order.items) owe(String(line.productId), order, line.quantity);
    owe(String(order.customerId), order, order.totalCents);
  }

  for (const holder of holders) {
    const name = `${holder.what} ${holder.id}`;
    const amountOf = (h: StoredHold) => h.quantity ?? h.amountCents ?? 0;
    if (holder.available < 0) violations.push(`${name} has a negative amount ${holder.available}`);
    const uncommitted = holder.holds.filter((h) => !committed(h)).reduce((sum, h) => sum + amountOf(h), 0);
    let sold = 0;
    let inTransit = 0;
    for (const { order, amount } of owed.get(holder.id) ?? []) {
      const id = String(order._id);
      const marked = holder.refunds.has(id);
      const holdsOfOrder = holder.holds.filter((h) => String(h.orderId) === id);
      if (holdsOfOrder.length > 1) violations.push(`${name} holds order ${id} ${holdsOfOrder.length} times`);
      if (COMMITTED.has(order.status)) {
        sold += amount;
        if (marked) violations.push(`${name} carries a refund of ${order.status} order ${id}`);
      } else if (order.status === "CANCELLED" && order.cancelledFrom === "APPROVED") {
        const committedHold = holdsOfOrder.some((h) => h.claimId === order.committedClaimId);
        if (!committedHold && !marked) inTransit += amount;
        if (committedHold && marked) violations.push(`${name} was refunded order ${id} and still holds it`);
      } else if (marked) {
        violations.push(`${name} carries a refund of order ${id}, which was never approved`);
      }
    }
    if (!moving.has(holder.id) && holder.total !== holder.available + uncommitted + sold + inTransit) {
      violations.push(
        `${name}: total ${holder.total} ≠ available ${holder.available} + held ${uncommitted} + sold ${sold} + returning ${inTransit}`,
      );
    }
    if (drained && holder.holds.length > 0) {
      violations.push(
        `${name} keeps ${holder.holds.length} hold(s) after the drain (order ${String(holder.holds[0].orderId)})`,
      );
    }
  }

  for (const customer of customers) {
    const id = String(customer["_id"]);
    const [deposited, budget, spent] = ["depositedCents", "budgetCents", "totalSpentCents"].map(
      (f) => customer[f] as number,
    );
    if (deposited !== budget + spent) {
      violations.push(`customer ${id}: depositedCents ${deposited} ≠ budget ${budget} + spent ${spent}`);
    }
    if (drained) {
      const committedTotal = orders
        .filter((o) => String(o.customerId) === id && COMMITTED.has(o.status))
        .reduce((sum, o) => sum + o.totalCents, 0);
      if (spent !== committedTotal)
        violations.push(`customer ${id}: totalSpentCents ${spent} ≠ Σ approved ${committedTotal}`);
    }
  }
  return violations;
}

/** What decides how an order's units and money count: committed (under which claim), refunded, or neither. */
function classOf(order: StoredOrder | undefined): string {
  if (order === undefined) return "absent";
  if (COMMITTED.has(order.status)) return `committed:${order.committedClaimId ?? ""}`;
  return order.status === "CANCELLED" && order.cancelledFrom === "APPROVED" ? "cancelled" : "open";
}

/** A product or customer as the check sees it: what is available, what was ever added, holds, refunds. */
function holder(what: string, doc: mongo.Document, available: string, total: string): Holder {
  return {
    id: String(doc["_id"]),
    what,
    available: doc[available] as number,
    total: doc[total] as number,
    holds: (doc["holds"] ?? []) as StoredHold[],
    refunds: new Set(((doc["refunds"] ?? []) as unknown[]).map(String)),
  };
}

/** The fields each state implies, and the states a drained queue allows. */
function checkOrder(order: StoredOrder, drained: boolean): Violation[] {
  const id = `order ${String(order._id)}`;
  const problems: Violation[] = [];
  if (!KNOWN.has(order.status)) problems.push(`${id} has unknown status ${order.status}`);
  if (drained && (order.status === "PENDING" || order.status === "PROCESSING"))
    problems.push(`${id} is still ${order.status}`);
  if (drained && order.refundPending === true) problems.push(`${id} still waits for its refund`);
  if (COMMITTED.has(order.status) && (order.outcome !== "APPROVED" || !order.committedClaimId)) {
    problems.push(`${id} is ${order.status} without an approved outcome and a committed claim`);
  }
  if (order.status === "REJECTED" && (order.outcome !== "REJECTED" || order.committedClaimId)) {
    problems.push(
      `${id} is REJECTED with outcome ${String(order.outcome)} / committed ${String(order.committedClaimId)}`,
    );
  }
  if (order.status === "PROCESSING" && !order.claim?.claimId) problems.push(`${id} is PROCESSING without a claim`);
  if (order.status === "CANCELLED" && order.cancelledFrom === "APPROVED" && !order.committedClaimId) {
    problems.push(`${id} was cancelled from APPROVED but has no committed claim`);
  }
  const approved = COMMITTED.has(order.status) || (order.status === "CANCELLED" && order.cancelledFrom === "APPROVED");
  if (order.customerDeleted === true && approved) problems.push(`${id} was approved after its customer was deleted`);
  return problems;
}

import type { mongo } from "mongoose";

/** A violation of DESIGN.md's invariants, readable in a test failure. */
export type Violation = string;

const SOLD = ["SHIPPED", "DELIVERED"];
const SPENT = ["APPROVED", "SHIPPED", "DELIVERED"];

interface Hold {
  orderId: mongo.ObjectId;
  claimId: string;
  quantity?: number;
  amountCents?: number;
}

/**
 * Checks the invariants of DESIGN.md straight from the database:
 * - per product: receivedTotal = stock + Σ holds + Σ quantities of SHIPPED/DELIVERED orders;
 * - per customer: depositedCents = budgetCents + Σ holds + Σ totals of SHIPPED/DELIVERED orders;
 * - stock and budget never negative; every order in a known state;
 * - with `drained`: totalSpentCents = Σ totals of APPROVED/SHIPPED/DELIVERED orders, and the only
 *   holds left belong to APPROVED orders under their committed claim.
 * @returns the violations (empty when all hold).
 */
export async function checkInvariants(db: mongo.Db, { drained }: { drained: boolean }): Promise<Violation[]> {
  const violations: Violation[] = [];
  const [products, users, orders] = await Promise.all([
    db.collection("products").find().toArray(),
    db.collection("users").find({ role: "CUSTOMER" }).toArray(),
    db.collection("orders").find().toArray(),
  ]);
  const byId = new Map(orders.map((o) => [String(o["_id"]), o]));
  const soldUnits = new Map<string, number>();
  const soldCents = new Map<string, number>();
  const spentCents = new Map<string, number>();
  for (const order of orders) {
    const status = order["status"] as string;
    if (!["PENDING", "PROCESSING", "APPROVED", "REJECTED", "CANCELLED", ...SOLD].includes(status)) {
      violations.push(`order ${String(order["_id"])} has unknown status ${status}`);
    }
    const customer = String(order["customerId"]);
    if (SOLD.includes(status)) {
      soldCents.set(customer, (soldCents.get(customer) ?? 0) + (order["totalCents"] as number));
      for (const line of order["items"] as Array<{ productId: unknown; quantity: number }>) {
        soldUnits.set(String(line.productId), (soldUnits.get(String(line.productId)) ?? 0) + line.quantity);
      }
    }
    if (SPENT.includes(status))
      spentCents.set(customer, (spentCents.get(customer) ?? 0) + (order["totalCents"] as number));
  }
  const checkHolds = (owner: string, holds: Hold[]) => {
    if (!drained) return;
    for (const hold of holds) {
      const order = byId.get(String(hold.orderId));
      if (order?.["status"] !== "APPROVED" || order["committedClaimId"] !== hold.claimId) {
        violations.push(
          `${owner} keeps a hold of order ${String(hold.orderId)} (${String(order?.["status"])}) after the queue drained`,
        );
      }
    }
  };
  for (const product of products) {
    const holds = (product["holds"] ?? []) as Hold[];
    const held = holds.reduce((sum, h) => sum + (h.quantity ?? 0), 0);
    const id = String(product["_id"]);
    const stock = product["stock"] as number;
    if (stock < 0) violations.push(`product ${id} has negative stock ${stock}`);
    const expected = stock + held + (soldUnits.get(id) ?? 0);
    if (product["receivedTotal"] !== expected) {
      violations.push(
        `product ${id}: receivedTotal ${String(product["receivedTotal"])} ≠ stock ${stock} + held ${held} + sold ${soldUnits.get(id) ?? 0}`,
      );
    }
    checkHolds(`product ${id}`, holds);
  }
  for (const user of users) {
    const holds = (user["holds"] ?? []) as Hold[];
    const held = holds.reduce((sum, h) => sum + (h.amountCents ?? 0), 0);
    const id = String(user["_id"]);
    const budget = user["budgetCents"] as number;
    if (budget < 0) violations.push(`customer ${id} has a negative budget ${budget}`);
    const expected = budget + held + (soldCents.get(id) ?? 0);
    if (user["depositedCents"] !== expected) {
      violations.push(
        `customer ${id}: depositedCents ${String(user["depositedCents"])} ≠ budget ${budget} + held ${held} + sold ${soldCents.get(id) ?? 0}`,
      );
    }
    if (drained && user["totalSpentCents"] !== (spentCents.get(id) ?? 0)) {
      violations.push(
        `customer ${id}: totalSpentCents ${String(user["totalSpentCents"])} ≠ Σ approved/shipped/delivered ${spentCents.get(id) ?? 0}`,
      );
    }
    checkHolds(`customer ${id}`, holds);
  }
  return violations;
}

/** Counts of orders by status. */
export async function statusCounts(db: mongo.Db): Promise<Record<string, number>> {
  const rows = await db
    .collection("orders")
    .aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }])
    .toArray();
  return Object.fromEntries(rows.map((r) => [r._id, r.n]));
}

/** Each order with its status and the approved/rejected entries the ORDER log holds for it. */
export async function loggedDecisions(
  db: mongo.Db,
): Promise<{ id: string; status: string; processedAt: Date | null; logged: string[] }[]> {
  const entries = await db.collection("logs").find({ type: "ORDER" }).toArray();
  const decisions = new Map<string, string[]>();
  for (const entry of entries) {
    const match = /^Order [0-9a-f]{24} (approved|rejected)\b/.exec(entry["message"] as string);
    if (match === null) continue;
    const id = String(entry["orderId"]);
    decisions.set(id, [...(decisions.get(id) ?? []), match[1].toUpperCase()]);
  }
  const orders = await db
    .collection("orders")
    .find({}, { projection: { status: 1, processedAt: 1 } })
    .toArray();
  return orders.map((o) => ({
    id: String(o["_id"]),
    status: o["status"] as string,
    processedAt: (o["processedAt"] as Date | undefined) ?? null,
    logged: decisions.get(String(o["_id"])) ?? [],
  }));
}

/**
 * Exactly-once processing, from the event log: every order that is APPROVED or REJECTED has exactly
 * one "approved"/"rejected" ORDER entry, matching its status, and no other order has one.
 * @returns the orders that break it (empty when it holds).
 */
export async function decisionMismatches(db: mongo.Db): Promise<{ id: string; status: string; logged: string[] }[]> {
  return (await loggedDecisions(db))
    .filter((o) =>
      ["APPROVED", "REJECTED"].includes(o.status)
        ? o.logged.length !== 1 || o.logged[0] !== o.status
        : o.logged.length !== 0,
    )
    .map(({ id, status, logged }) => ({ id, status, logged }));
}

/** Checks the invariants (not yet drained) every `everyMs` until `stop()`, collecting violations. */
export class InvariantSampler {
  readonly violations: Violation[] = [];
  samples = 0;
  private running = true;
  private readonly loop: Promise<unknown>;

  constructor(db: mongo.Db, everyMs = 500) {
    this.loop = (async () => {
      while (this.running) {
        const violations = await checkInvariants(db, { drained: false });
        this.violations.push(...violations.map((v) => `sample ${this.samples}: ${v}`));
        this.samples += 1;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })().catch((error: unknown) => this.violations.push(`the sampler failed: ${String(error)}`));
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/** Waits until no order is PENDING or PROCESSING; fails after `timeoutMs`, saying how many are left. */
export async function waitForDrain(db: mongo.Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.collection("orders").countDocuments({ status: { $in: ["PENDING", "PROCESSING"] } });
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} orders still open after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

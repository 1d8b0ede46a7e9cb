import type { mongo } from "mongoose";

/** DESIGN.md's invariants, the one check the benchmarks use too. */
export { checkInvariants, type Violation } from "../../tools/invariants";
import { checkInvariants, type Violation } from "../../tools/invariants";

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

/**
 * Waits until the orders are quiet: none PENDING or PROCESSING, no event owed, no hold left on a
 * product or customer (the settles and effects that follow a decision in the background are done).
 * Fails after `timeoutMs`, saying what is left.
 */
export async function waitForDrain(db: mongo.Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = {
      open: await db.collection("orders").countDocuments({ status: { $in: ["PENDING", "PROCESSING"] } }),
      owing: await db.collection("orders").countDocuments({ pendingLog: { $gt: "" } }),
      holding:
        (await db.collection("products").countDocuments({ "holds.claimId": { $gt: "" } })) +
        (await db.collection("users").countDocuments({ "holds.claimId": { $gt: "" } })),
    };
    if (left.open + left.owing + left.holding === 0) return;
    if (Date.now() > deadline) throw new Error(`not drained after ${timeoutMs} ms: ${JSON.stringify(left)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** DESIGN.md's invariants once the orders are quiet (see waitForDrain): a suite's last check. */
export async function invariantsWhenQuiet(db: mongo.Db, timeoutMs = 30_000): Promise<string[]> {
  await waitForDrain(db, timeoutMs);
  return checkInvariants(db, { drained: true });
}

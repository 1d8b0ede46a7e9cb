import { isDeepStrictEqual } from "node:util";
import { Types, type mongo } from "mongoose";
import type { StepEvidence } from "../../src/lib/seam";
import { seededRandom } from "../../src/lib/seeded-random";
import type { ReintroducedBug } from "../../src/modules/orders";
import { InterleavingController, type Actor } from "./controller";
import { checkInvariants, type Violation } from "../invariants";
import { LEASE_MS, World, type WorkerProcess } from "./world";

export interface RunOptions {
  readonly seed: number;
  /** Bugs of holds version 1 to put back (to show that the explorer finds them). */
  readonly reintroduce?: ReadonlySet<ReintroducedBug>;
  /** Steps of the chaotic phase (placements, admin actions, faults). @default 300 */
  readonly chaosSteps?: number;
  /** Steps allowed for the queue to drain afterwards. @default 3000 */
  readonly drainSteps?: number;
  /** Invariants are checked every this many steps. @default 10 */
  readonly sampleEvery?: number;
  /** How long one step may take in real time before the run counts as stuck. @default 10000 */
  readonly stepTimeoutMs?: number;
}

/** What one seed's run did and found. */
export interface RunResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  readonly steps: number;
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** The whole schedule: one line per step or fault. */
  readonly trace: readonly string[];
  readonly orders: number;
}

export type FaultKind = "pause" | "crash" | "expiry" | "retry";

const COMMITTED_OR_GONE = new Set(["APPROVED", "SHIPPED", "DELIVERED"]);

/**
 * One run of the explorer: real services on one real database, two or three worker processes
 * with their renewers, recovery (once or twice at the same time), an admin and customers, moved one
 * database step at a time in an order the seed chooses, with pauses past the lease, crashes,
 * lease expiries and retried requests injected. Invariants are checked while it runs and after the
 * queue drains; every rejection for stock or budget is checked against what was coming back.
 */
export async function exploreSeed(db: mongo.Db, options: RunOptions): Promise<RunResult> {
  const random = seededRandom(options.seed);
  const chance = (p: number) => random() < p;
  const int = (max: number) => Math.floor(random() * max);
  const timeout = options.stepTimeoutMs ?? 10_000;
  const violations: Violation[] = [];
  const trace: string[] = [];
  const faults: Record<FaultKind, number> = { pause: 0, crash: 0, expiry: 0, retry: 0 };
  const controller = new InterleavingController((evidence) => checkShortfall(db, evidence, violations));
  const world = new World(db, controller, options.reintroduce ?? new Set());

  controller.free = true;
  await world.seed(random);
  controller.free = false;

  const frozen = new Set<string>();
  let restarts = 0;
  const startProcess = (name: string) => {
    const proc = world.newProcess(name);
    controller.spawn(`${name}.worker`, name, () => workLoop(world, proc));
    controller.spawn(`${name}.renewer`, name, async () => {
      for (;;) {
        await controller.before("renewer:tick");
        await proc.processor.renewClaims();
      }
    });
  };
  const processes = 2 + int(2);
  for (let i = 1; i <= processes; i++) startProcess(`W${i}`);
  const recoveries = chance(0.5) ? 2 : 1;
  for (let i = 1; i <= recoveries; i++) {
    controller.spawn(`R${i}`, `R${i}`, async () => {
      for (;;) await world.recovery.run();
    });
  }
  const shopping = random;
  controller.spawn("customers", "shop", async () => {
    for (let n = 0; ; n++) {
      const request = world.newRequest(shopping);
      const key = chance(0.3) ? `k${n}` : null;
      await world.place(request, key);
      if (key !== null && chance(0.5)) {
        faults.retry += 1; // the same request again, as after a lost answer
        await world.place(request, key);
      }
    }
  });
  controller.spawn("admin", "admin", async () => {
    for (;;) await world.adminAction(shopping);
  });

  let step = 0;
  const move = async (candidates: Actor[]) => {
    const actor = candidates[int(candidates.length)];
    trace.push(`${step} ${actor.name} ${actor.parked?.step ?? "?"}`);
    await controller.release(actor, timeout);
    step += 1;
    const failed = controller.actors.find((a) => a.failure !== undefined);
    if (failed !== undefined) {
      violations.push(`${failed.name} failed: ${failed.failure?.stack ?? String(failed.failure)}`);
    }
  };
  const sample = async (drained: boolean) => {
    const found = await checkInvariants(db, { drained });
    violations.push(...found.map((v) => `after step ${step}: ${v}`));
    violations.push(...(await logViolations(db, drained)).map((v) => `after step ${step}: ${v}`));
  };

  try {
    await controller.quiescent(timeout);
    const chaosSteps = options.chaosSteps ?? 300;
    while (step < chaosSteps && violations.length === 0) {
      const live = [
        ...new Set(controller.actors.filter((a) => !a.done && a.name.endsWith(".worker")).map((a) => a.process)),
      ];
      if (chance(0.02) && live.length > 0) {
        const victim = live[int(live.length)];
        frozen.add(victim);
        world.clock.advance(LEASE_MS + int(LEASE_MS));
        faults.pause += 1;
        trace.push(`${step} FAULT pause ${victim} past its lease`);
      } else if (chance(0.01) && live.length > 0) {
        const victim = live[int(live.length)];
        frozen.delete(victim);
        await controller.crash(victim, timeout);
        faults.crash += 1;
        restarts += 1;
        trace.push(`${step} FAULT crash ${victim}; restarted as W${processes + restarts}`);
        startProcess(`W${processes + restarts}`);
        await controller.quiescent(timeout);
      } else if (chance(0.02)) {
        world.clock.advance(LEASE_MS);
        faults.expiry += 1;
        trace.push(`${step} FAULT leases expire`);
      }
      for (const name of [...frozen]) {
        if (chance(0.08)) {
          frozen.delete(name);
          trace.push(`${step} FAULT ${name} resumes`);
        }
      }
      const candidates = controller.parked().filter((a) => !frozen.has(a.process));
      if (candidates.length === 0) continue;
      world.clock.advance(int(LEASE_MS / 20));
      await move(candidates);
      if (step % (options.sampleEvery ?? 10) === 0) await sample(false);
    }

    // Drain: no new work; everyone resumes; time moves on so that dead claims expire.
    await controller.crash("shop", timeout);
    await controller.crash("admin", timeout);
    frozen.clear();
    trace.push(`${step} DRAIN`);
    const limit = step + (options.drainSteps ?? 3000);
    while (violations.length === 0 && step < limit) {
      if (step % 20 === 0 && !(await world.busy())) break;
      world.clock.advance(LEASE_MS / 4);
      await move(controller.parked());
      if (step % (options.sampleEvery ?? 10) === 0) await sample(false);
    }
    await controller.finish(timeout);
    controller.free = true;
    if (violations.length === 0) {
      await world.recovery.run();
      if (await world.busy())
        violations.push(`did not drain within ${options.drainSteps ?? 3000} steps: ${await openWork(db)}`);
      else {
        await sample(true);
        violations.push(...(await counterViolations(world)));
      }
    }
  } catch (error) {
    violations.push(`the run failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    controller.free = true;
    await controller.finish(timeout).catch(() => undefined);
  }
  const orders = await db.collection("orders").countDocuments();
  return { seed: options.seed, ok: violations.length === 0, violations, steps: step, faults, trace, orders };
}

/** The dashboard's counters against a recount of the orders, as counted and once rolled up. */
async function counterViolations(world: World): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const stage of ["counted", "rolled up"]) {
    if (stage === "rolled up") {
      world.clock.advance(2 * 3_600_000);
      await world.counters.rollUp();
    }
    const [counted, recount] = await Promise.all([world.counters.overview(), world.orders.overview()]);
    if (!isDeepStrictEqual(counted, recount)) {
      violations.push(`dashboard counters (${stage}) ${JSON.stringify(counted)} ≠ recount ${JSON.stringify(recount)}`);
    }
  }
  return violations;
}

/** A worker process's loop: pop the best pending order and process it, like the scheduler. */
async function workLoop(world: World, proc: WorkerProcess): Promise<void> {
  for (;;) {
    const id = await world.bestPending();
    if (id !== null) await proc.processor.process(id);
  }
}

/**
 * The oracle for rejections: from the holder as the worker read it, every hold whose order is now
 * PENDING, PROCESSING, REJECTED, or CANCELLED without having committed under that claim was
 * uncommitted when it was read (claims only move forward), so it was coming back. If that, with
 * what was available, covered the order, the order should have waited, not been rejected.
 */
async function checkShortfall(db: mongo.Db, evidence: StepEvidence, violations: Violation[]): Promise<void> {
  const others = evidence.holds.filter((h) => h.orderId !== evidence.orderId);
  if (others.length === 0) return;
  const orders = await db
    .collection("orders")
    .find({ _id: { $in: others.map((h) => new Types.ObjectId(h.orderId)) } })
    .toArray();
  const byId = new Map(orders.map((o) => [String(o._id), o]));
  const returning = others
    .filter((h) => {
      const order = byId.get(h.orderId);
      if (order === undefined) return false;
      const status = order["status"] as string;
      if (status === "CANCELLED") return order["committedClaimId"] !== h.claimId;
      return !COMMITTED_OR_GONE.has(status);
    })
    .reduce((sum, h) => sum + h.amount, 0);
  if (evidence.available + returning >= evidence.wanted) {
    violations.push(
      `order ${evidence.orderId} rejected for ${evidence.ledger}: wanted ${evidence.wanted}, ${evidence.available} available and ${returning} coming back`,
    );
  }
}

/** One ORDER log entry per event: placed (every order), decided (decided ones), cancelled (cancelled ones). */
async function logViolations(db: mongo.Db, drained: boolean): Promise<Violation[]> {
  const entries = await db
    .collection("logs")
    .find(
      { type: "ORDER", "data.event": { $in: ["placed", "decided", "cancelled"] } },
      { projection: { orderId: 1, "data.event": 1 } },
    )
    .toArray();
  const counts = new Map<string, number>();
  for (const e of entries) {
    const key = `${String(e["orderId"])}:${String((e["data"] as { event?: string } | null)?.event)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const problems: Violation[] = [];
  for (const [key, n] of counts) if (n > 1) problems.push(`log entry ${key} written ${n} times`);
  if (!drained) return problems;
  const orders = await db.collection("orders").find().toArray();
  for (const order of orders) {
    const id = String(order._id);
    const expected: Record<string, number> = {
      placed: 1,
      decided: order["outcome"] ? 1 : 0,
      cancelled: order["status"] === "CANCELLED" ? 1 : 0,
    };
    for (const [event, n] of Object.entries(expected)) {
      const got = counts.get(`${id}:${event}`) ?? 0;
      if (got !== n) problems.push(`order ${id} has ${got} "${event}" log entries, not ${n}`);
    }
  }
  return problems;
}

async function openWork(db: mongo.Db): Promise<string> {
  const open = await db
    .collection("orders")
    .find({ $or: [{ status: { $in: ["PENDING", "PROCESSING"] } }, { refundPending: true }] })
    .toArray();
  return open.map((o) => `${String(o._id)} ${String(o["status"])}`).join(", ") || "holds left on documents";
}

import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import mongoose, { mongo } from "mongoose";
import pino from "pino";
import { startApp, type App } from "../../src/app";
import { parseConfig } from "../../src/config";
import { checkInvariants } from "../invariants";
import { seededRandom } from "../../src/lib/seeded-random";
import { BENCH_ADMIN, benchPeers, graphql, processCpuSeconds, progress, stopStack, type Stoppable } from "./harness";
import { optionReader } from "../lib/integer-option";
import { commandKind } from "./command-kinds";
import { seedHistory } from "./history";
import { printProfile, startCpuProfile } from "./cpu-profile";
import { ORDERFLOW_DIR } from "../paths";
import { join } from "node:path";

const option = optionReader(/^BENCH_/);
const DRAIN_PROFILE = join(ORDERFLOW_DIR, "bench", "drain.cpuprofile");
const PLACEMENT_PROFILE = join(ORDERFLOW_DIR, "bench", "placement.cpuprofile");

/*
 * The order pipeline's benchmark (`npm run bench` at the project root): the real app in-process on
 * the embedded database (or MONGODB_URI), customers and scarce products seeded over GraphQL, N
 * orders placed concurrently over GraphQL HTTP, then throughput, latency, wait per tier, the
 * database's own ceiling for the same conditional updates, and DESIGN.md's invariants.
 *
 * Options (environment, or --name=value on the command line):
 *   BENCH_ORDERS       orders to place                                  (default 1000)
 *   BENCH_CONCURRENCY  scheduler permits, and the ceiling's workers     (default SCHEDULER_CONCURRENCY or 4)
 *   BENCH_CLIENTS      placeOrder requests in flight at once            (default 32)
 *   BENCH_PRODUCTS     products                                         (default 12)
 *   BENCH_CUSTOMERS    customers, a third of them PREMIUM               (default 24)
 *   BENCH_SEED         seed of the workload                             (default 1)
 *   BENCH_TIMEOUT_MS   give up when the queue has not drained by then   (default 300000)
 *   BENCH_HISTORY      older decided orders (and log entries) stored first; with it, the benchmark
 *                      runs on an empty database and on one with that history (BENCH_PAIRS
 *                      times), and prints the flat-cost ratios (with history ÷ without)  (default 0)
 *   BENCH_PROFILE      1: CPU profiles of this process (the API and the placing clients run in
 *                      it) while the orders are placed and from the last placement until the
 *                      drain's follow-ups are done, kept in .orderflow/bench/placement.cpuprofile
 *                      and drain.cpuprofile and summarised              (default 0)
 *   BENCH_WARMUP       runs before the measured ones, not measured, on the same database
 *                      server: its JIT compiles the pipeline's paths over them  (default 3)
 *   BENCH_PAIRS        with BENCH_HISTORY: pairs of runs (one empty, one with the history, in
 *                      turn which first), each pair's ratios printed and the median of each
 *                      ratio over the pairs                             (default 1)
 */

const ADMIN_EMAIL = BENCH_ADMIN.email;
const ADMIN_PASSWORD = BENCH_ADMIN.password;
const CUSTOMER_PASSWORD = "violet ladder mountain 42 bench";
const MAX_LINES = 3;
const MAX_QUANTITY = 3;

export interface Options {
  readonly orders: number;
  readonly concurrency: number;
  readonly clients: number;
  readonly products: number;
  readonly customers: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly history: number;
  /** Profile the drain (see BENCH_PROFILE). */
  readonly profile: boolean;
  /** Unmeasured runs first (see BENCH_WARMUP). */
  readonly warmUpRuns: number;
  /** Pairs of runs without and with the history (see BENCH_PAIRS). */
  readonly pairs: number;
}

export function readOptions(): Options {
  const schedulerDefault = Number(process.env["SCHEDULER_CONCURRENCY"] ?? "") || 4;
  return {
    orders: option("BENCH_ORDERS", 1000, 1, 1_000_000),
    concurrency: option("BENCH_CONCURRENCY", schedulerDefault, 1, 256),
    clients: option("BENCH_CLIENTS", 32, 1, 1024),
    products: option("BENCH_PRODUCTS", 12, 1, 1000),
    customers: option("BENCH_CUSTOMERS", 24, 1, 1000),
    seed: option("BENCH_SEED", 1, 0, 2 ** 31),
    timeoutMs: option("BENCH_TIMEOUT_MS", 300_000, 1000, 3_600_000),
    history: option("BENCH_HISTORY", 0, 0, 10_000_000),
    profile: option("BENCH_PROFILE", 0, 0, 1) === 1,
    warmUpRuns: option("BENCH_WARMUP", 3, 0, 100),
    pairs: option("BENCH_PAIRS", 1, 1, 20),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task(i)` for i in 0..count-1 with at most `width` running at once. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

/** The value at quantile `q` (nearest rank) of ascending `sorted`. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// Not Math.max(...values): that overflows the stack for very large runs.
const max = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
const min = (values: readonly number[]) => values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
export const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token user { id } } }`;

async function login(url: string, email: string, password: string): Promise<{ token: string; id: string }> {
  const data = await graphql<{ login: { token: string; user: { id: string } } }>(url, LOGIN, {
    input: { email, password },
  });
  return { token: data.login.token, id: data.login.user.id };
}

interface Product {
  readonly id: string;
  readonly priceCents: number;
  readonly stock: number;
}

interface Customer {
  readonly id: string;
  readonly token: string;
  readonly tier: "PREMIUM" | "STANDARD";
  readonly budgetCents: number;
}

interface PlannedOrder {
  readonly customer: number;
  readonly lines: ReadonlyArray<{ product: number; quantity: number }>;
}

/** Random orders: a random customer, 1 to 3 distinct products, 1 to 3 units each. */
function planOrders(options: Options, random: () => number): PlannedOrder[] {
  return Array.from({ length: options.orders }, () => {
    const count = Math.min(options.products, 1 + Math.floor(random() * MAX_LINES));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * options.products));
    return {
      customer: Math.floor(random() * options.customers),
      lines: [...chosen].map((product) => ({ product, quantity: 1 + Math.floor(random() * MAX_QUANTITY) })),
    };
  });
}

/** Scarce stock: products get 30% to 110% of the units the planned orders ask of them. */
async function seedProducts(
  url: string,
  adminToken: string,
  options: Options,
  plans: readonly PlannedOrder[],
  random: () => number,
): Promise<Product[]> {
  const demand = new Array<number>(options.products).fill(0);
  for (const plan of plans) for (const line of plan.lines) demand[line.product] += line.quantity;
  const products: Product[] = [];
  for (let i = 0; i < options.products; i++) {
    const priceCents = 100 * (1 + Math.floor(random() * 50));
    const stock = Math.max(1, Math.round(demand[i] * (0.3 + 0.8 * random())));
    const data = await graphql<{ createProduct: { id: string } }>(
      url,
      `
        mutation ($input: ProductInput!) {
          createProduct(input: $input) {
            id
          }
        }
      `,
      { input: { name: `Bench product ${i + 1}`, priceCents, stock } },
      adminToken,
    );
    products.push({ id: data.createProduct.id, priceCents, stock });
  }
  return products;
}

/**
 * A third PREMIUM, the rest STANDARD; budgets from 20% (some orders fail on budget) to 300% of
 * what the customer's planned orders would cost.
 */
async function seedCustomers(
  url: string,
  adminToken: string,
  options: Options,
  plans: readonly PlannedOrder[],
  products: readonly Product[],
  random: () => number,
): Promise<Customer[]> {
  const wants = new Array<number>(options.customers).fill(0);
  for (const plan of plans) {
    for (const line of plan.lines) wants[plan.customer] += products[line.product].priceCents * line.quantity;
  }
  const specs = Array.from({ length: options.customers }, (_, i): Pick<Customer, "tier" | "budgetCents"> => ({
    tier: i % 3 === 0 ? "PREMIUM" : "STANDARD",
    budgetCents: Math.round(wants[i] * [0.2, 0.6, 1, 3][Math.floor(random() * 4)]),
  }));
  const customers = new Array<Customer>(options.customers);
  // Password hashing (argon2) dominates here: a few at a time.
  await pool(options.customers, 4, async (i) => {
    const email = `bench-customer-${i + 1}@orderflow.bench`;
    await graphql(
      url,
      `
        mutation ($input: CreateCustomerInput!) {
          createCustomer(input: $input) {
            id
          }
        }
      `,
      { input: { name: `Bench customer ${i + 1}`, email, password: CUSTOMER_PASSWORD, ...specs[i] } },
      adminToken,
    );
    const session = await login(url, email, CUSTOMER_PASSWORD);
    customers[i] = { ...specs[i], ...session };
  });
  return customers;
}

interface Placed {
  readonly id: string;
  /** When the placeOrder response arrived (ms since the epoch). */
  readonly placedAt: number;
}

/** Places every planned order over GraphQL HTTP with `clients` requests in flight. */
async function placeOrders(
  url: string,
  plans: readonly PlannedOrder[],
  products: readonly Product[],
  customers: readonly Customer[],
  clients: number,
): Promise<{ placed: Placed[]; failures: string[]; firstSentAt: number }> {
  const placed: Placed[] = [];
  const failures: string[] = [];
  const firstSentAt = Date.now();
  await pool(plans.length, clients, async (i) => {
    const plan = plans[i];
    try {
      const data = await graphql<{ placeOrder: { id: string } }>(
        url,
        `
          mutation ($input: PlaceOrderInput!) {
            placeOrder(input: $input) {
              id
              status
            }
          }
        `,
        { input: { items: plan.lines.map((l) => ({ productId: products[l.product].id, quantity: l.quantity })) } },
        customers[plan.customer].token,
      );
      placed.push({ id: data.placeOrder.id, placedAt: Date.now() });
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { placed, failures, firstSentAt };
}

/**
 * Waits until no order is PENDING or PROCESSING and what follows the decisions in the background
 * is done (reading through its own client, so the app's command counts stay its own): the command
 * count stops there, so it includes every settle and event effect of the run.
 */
async function waitForDrain(uri: string, dbName: string, ids: readonly string[], timeoutMs: number): Promise<void> {
  const client = new mongo.MongoClient(uri, { maxPoolSize: 2 });
  try {
    const db = client.db(dbName);
    await waitUntilDrained(db.collection("orders"), ids, timeoutMs);
    await waitUntilFollowedUp(db, ids, timeoutMs);
  } finally {
    await client.close();
  }
}

/** How many orders the watcher reads in one query. */
const WATCH_BATCH = 50;

/**
 * Waits until `done` holds for every placed order, reading them through `watch`: the orders
 * that are not done yet, in placement order, are looked up by `_id` a batch at a time, and those
 * done are dropped for good (an order that is final, or owes nothing, stays so). Each poll reads
 * until it meets an order not done, so it costs a batch or two whatever the history or the number
 * of orders. Polling every order at once, as this did before, made the embedded server match each
 * stored order against a list of all of them (`$in` of 1,000 ids) 20 times a second: most of its
 * CPU while the backlog drained.
 */
async function waitUntilEvery(
  orders: mongo.Collection,
  ids: readonly string[],
  projection: mongo.Document,
  done: (order: mongo.Document) => boolean,
  poll: { readonly timeoutMs: number; readonly everyMs: number; readonly what: string },
): Promise<void> {
  const deadline = Date.now() + poll.timeoutMs;
  let lastReport = Date.now();
  let left = ids.map((id) => new mongo.ObjectId(id));
  for (;;) {
    while (left.length > 0) {
      const batch = left.slice(0, WATCH_BATCH);
      const found = await orders.find({ _id: { $in: batch } }, { projection }).toArray();
      const finished = new Set(found.filter(done).map((order) => String(order["_id"])));
      const open = batch.filter((id) => !finished.has(id.toHexString()));
      left = [...open, ...left.slice(batch.length)];
      if (open.length > 0) break;
    }
    if (left.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${poll.what}: not done within ${poll.timeoutMs} ms (${left.length} left)`);
    if (Date.now() - lastReport > 5000) {
      progress(`${poll.what}: ${left.length} orders left`);
      lastReport = Date.now();
    }
    await sleep(poll.everyMs);
  }
}

/** Waits until none of the placed orders is PENDING or PROCESSING. */
function waitUntilDrained(orders: mongo.Collection, ids: readonly string[], timeoutMs: number): Promise<void> {
  return waitUntilEvery(
    orders,
    ids,
    { status: 1 },
    (order) => order["status"] !== "PENDING" && order["status"] !== "PROCESSING",
    { timeoutMs, everyMs: 50, what: "the queue draining" },
  );
}

/** Waits until the placed orders owe no event and no product or customer keeps a hold. */
async function waitUntilFollowedUp(db: mongo.Db, ids: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await waitUntilEvery(
    db.collection("orders"),
    ids,
    { pendingLog: 1 },
    (order) => !Array.isArray(order["pendingLog"]) || order["pendingLog"].length === 0,
    { timeoutMs, everyMs: 20, what: "the orders' events" },
  );
  const holding = { "holds.0": { $exists: true } };
  for (;;) {
    const held =
      (
        await db
          .collection("products")
          .find(holding, { projection: { _id: 1 } })
          .toArray()
      ).length +
      (
        await db
          .collection("users")
          .find(holding, { projection: { _id: 1 } })
          .toArray()
      ).length;
    if (held === 0) return;
    if (Date.now() > deadline) throw new Error(`follow-ups not done within ${timeoutMs} ms (${held} holding)`);
    await sleep(20);
  }
}

interface Ceiling {
  readonly orders: number;
  readonly ops: number;
  readonly writesPerOrder: number;
  readonly opsPerSec: number;
  readonly misses: number;
}

/** A document of the ceiling's scratch collection: an order, a product or a customer. */
interface ScratchDoc {
  _id: mongo.ObjectId;
  kind: "order" | "product" | "customer";
  stock?: number;
  receivedTotal?: number;
  budgetCents?: number;
  totalSpentCents?: number;
  holds?: Array<{ orderId: mongo.ObjectId; claimId: string; quantity?: number; amountCents?: number }>;
  status?: string;
  claim?: { claimId: string; owner: string; until: Date } | null;
  committedClaimId?: string;
  processedAt?: Date;
  customerId?: mongo.ObjectId;
  items?: Array<Record<string, unknown>>;
  totalCents?: number;
  createdAt?: Date;
}

/**
 * The database's own ceiling for this workload: per order, the conditional single-document
 * updates processing issues — claim, one stock hold per line, the budget hold, commit — sent
 * straight through the driver by `concurrency` workers, on a scratch collection that is dropped
 * afterwards. Nothing else (no reads, no logs, no HTTP): what the pipeline could reach at best.
 */
async function measureCeiling(
  db: mongo.Db,
  plans: readonly PlannedOrder[],
  products: readonly Product[],
  customers: number,
  concurrency: number,
): Promise<Ceiling> {
  const scratch = db.collection<ScratchDoc>(`bench_scratch_${randomBytes(3).toString("hex")}`);
  const productIds = products.map(() => new mongo.ObjectId());
  const customerIds = Array.from({ length: customers }, () => new mongo.ObjectId());
  const orderIds = plans.map(() => new mongo.ObjectId());
  await scratch.insertMany([
    ...productIds.map((_id) => ({ _id, kind: "product" as const, stock: 1e12, receivedTotal: 1e12, holds: [] })),
    ...customerIds.map((_id) => ({ _id, kind: "customer" as const, budgetCents: 1e15, totalSpentCents: 0, holds: [] })),
  ]);
  const now = new Date();
  const totals = plans.map((plan) => plan.lines.reduce((s, l) => s + products[l.product].priceCents * l.quantity, 0));
  for (let from = 0; from < plans.length; from += 1000) {
    await scratch.insertMany(
      plans.slice(from, from + 1000).map((plan, j) => ({
        _id: orderIds[from + j],
        kind: "order" as const,
        customerId: customerIds[plan.customer],
        status: "PENDING",
        items: plan.lines.map((l) => ({
          productId: productIds[l.product],
          productName: `Bench product ${l.product + 1}`,
          unitPriceCents: products[l.product].priceCents,
          quantity: l.quantity,
          lineTotalCents: products[l.product].priceCents * l.quantity,
        })),
        totalCents: totals[from + j],
        claim: null,
        createdAt: now,
      })),
    );
  }
  const owner = randomUUID();
  let ops = 0;
  let misses = 0;
  const count = (result: mongo.UpdateResult) => {
    ops += 1;
    if (result.modifiedCount !== 1) misses += 1;
  };
  const started = performance.now();
  await pool(plans.length, concurrency, async (i) => {
    const orderId = orderIds[i];
    const claimId = randomUUID();
    count(
      await scratch.updateOne(
        { _id: orderId, status: "PENDING" },
        { $set: { status: "PROCESSING", claim: { claimId, owner, until: new Date(Date.now() + 30_000) } } },
      ),
    );
    for (const line of plans[i].lines) {
      count(
        await scratch.updateOne(
          { _id: productIds[line.product], stock: { $gte: line.quantity }, "holds.orderId": { $ne: orderId } },
          { $inc: { stock: -line.quantity }, $push: { holds: { orderId, claimId, quantity: line.quantity } } },
        ),
      );
    }
    count(
      await scratch.updateOne(
        { _id: customerIds[plans[i].customer], budgetCents: { $gte: totals[i] }, "holds.orderId": { $ne: orderId } },
        {
          $inc: { budgetCents: -totals[i], totalSpentCents: totals[i] },
          $push: { holds: { orderId, claimId, amountCents: totals[i] } },
        },
      ),
    );
    count(
      await scratch.updateOne(
        { _id: orderId, status: "PROCESSING", "claim.claimId": claimId },
        { $set: { status: "APPROVED", committedClaimId: claimId, claim: null, processedAt: new Date() } },
      ),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  await scratch.drop();
  return { orders: plans.length, ops, writesPerOrder: ops / plans.length, opsPerSec: ops / seconds, misses };
}

/**
 * Counts the driver's commands by name while `counting` is on, and the order claims among them
 * (an order that went back to wait for stock is claimed again later).
 */
function commandCounter(client: mongo.MongoClient) {
  const counts = new Map<string, number>();
  const kinds = new Map<string, number>();
  /** Milliseconds from sending to answer, by kind: where the database's time goes. */
  const millis = new Map<string, number>();
  const pending = new Map<number, string>();
  let claims = 0;
  let counting = false;
  const answered = (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
    const kind = pending.get(event.requestId);
    if (kind === undefined) return;
    pending.delete(event.requestId);
    millis.set(kind, (millis.get(kind) ?? 0) + event.duration);
  };
  client.on("commandSucceeded", answered);
  client.on("commandFailed", answered);
  client.on("commandStarted", (event: mongo.CommandStartedEvent) => {
    if (!counting) return;
    counts.set(event.commandName, (counts.get(event.commandName) ?? 0) + 1);
    const kind = commandKind(event);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    pending.set(event.requestId, kind);
    const command = event.command as { findAndModify?: string; update?: { $set?: { status?: string } } };
    if (command.findAndModify === "orders" && command.update?.$set?.status === "PROCESSING") claims += 1;
  });
  return {
    start: () => {
      counting = true;
    },
    stop: () => {
      counting = false;
      const sorted = (map: Map<string, number>) => Object.fromEntries([...map.entries()].sort(([, a], [, b]) => b - a));
      const rounded = new Map([...millis].map(([kind, ms]) => [kind, Math.round(ms)]));
      return { claims, byName: sorted(counts), byKind: sorted(kinds), millisByKind: sorted(rounded) };
    },
  };
}

interface StoredOrder {
  readonly _id: mongo.ObjectId;
  readonly status: string;
  readonly tier: string;
  readonly processedAt?: Date | null;
  readonly waitMs?: number | null;
  readonly items: unknown[];
}

/**
 * Starts counting CPU: the function it returns gives the seconds this process (the API, the
 * clients) and the database server (NaN when not known) have spent since.
 */
function cpuSince(serverPid: number | undefined): () => { process: number; database: number } {
  const start = { process: process.cpuUsage(), database: processCpuSeconds(serverPid) };
  return () => {
    const usage = process.cpuUsage(start.process);
    return { process: (usage.user + usage.system) / 1e6, database: processCpuSeconds(serverPid) - start.database };
  };
}

/** What a series of runs shares: the database server (warmed by the runs before) and the SMTP peer. */
export type BenchPeers = Awaited<ReturnType<typeof benchPeers>>;

/**
 * Runs the benchmark's runs against one database server, after `warmUpRuns` that are not
 * measured, so that the server's JIT (and this process's) has compiled the pipeline's paths
 * before any run is measured. @returns what `measure` made of the measured runs.
 */
export async function runWarmSeries<T>(
  options: Options,
  measure: (run: (options: Options) => Promise<{ ok: boolean; report: Report }>) => Promise<T>,
): Promise<T> {
  const stack: Stoppable[] = [];
  try {
    const peers = await benchPeers(stack);
    for (let run = 1; run <= options.warmUpRuns; run++) {
      progress(`warm-up run ${run} of ${options.warmUpRuns} (not measured)…`);
      await runOrderBench({ ...options, history: 0, profile: false }, peers, false);
    }
    return await measure((runOptions) => runOrderBench(runOptions, peers, true));
  } finally {
    await stopStack(stack);
  }
}

/** One run of the order benchmark: prints its table and JSON line (when `measured`), and returns the report. */
export async function runOrderBench(
  options: Options,
  peers: BenchPeers,
  measured: boolean,
): Promise<{ ok: boolean; report: Report }> {
  const stack: Stoppable[] = [];
  try {
    const { mongodbUri, database, smtpUrl, serverPid } = peers;
    const mailsBefore = peers.mailsSent();
    const mailsSent = () => peers.mailsSent() - mailsBefore;

    const config = parseConfig({
      NODE_ENV: "test",
      PORT: "0",
      JWT_SECRET: randomBytes(32).toString("hex"),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      SMTP_URL: smtpUrl,
      SCHEDULER_CONCURRENCY: String(options.concurrency),
    });
    const dbName = `orderflow_bench_${randomBytes(4).toString("hex")}`;
    const app: App = await startApp({
      config,
      logger: pino({ level: "silent" }),
      mongodbUri,
      dbName,
      monitorCommands: true,
    });
    stack.push({ name: "app", stop: () => app.stop() });
    const db = mongoose.connection.db;
    if (db === undefined) throw new Error("the app's database connection is not open");
    stack.push({ name: "bench database", stop: () => db.dropDatabase() });
    progress(`app at ${app.url}, database ${dbName}`);
    if (options.history > 0) {
      progress(`storing ${options.history} older orders and their log entries…`);
      await seedHistory(db, options.history, seededRandom(options.seed + 1), Date.now());
    }

    const random = seededRandom(options.seed);
    const plans = planOrders(options, random);
    const admin = await login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const products = await seedProducts(app.url, admin.token, options, plans, random);
    const customers = await seedCustomers(app.url, admin.token, options, plans, products, random);
    progress(`seeded ${products.length} products and ${customers.length} customers; placing ${plans.length} orders…`);

    const commands = commandCounter(mongoose.connection.getClient());
    commands.start();
    const placing = options.profile ? await startCpuProfile() : undefined;
    const placeCpu = cpuSince(serverPid);
    const { placed, failures, firstSentAt } = await placeOrders(app.url, plans, products, customers, options.clients);
    const placeSeconds = placeCpu();
    if (placing !== undefined) progress(`placement profile kept in ${await placing.stop(PLACEMENT_PROFILE)}`);
    if (placed.length === 0) throw new Error(`no order could be placed: ${failures[0] ?? "?"}`);
    const lastPlacedAt = max(placed.map((p) => p.placedAt));
    progress(`placed ${placed.length} orders (${failures.length} failed); waiting for the queue to drain…`);
    const profiling = options.profile ? await startCpuProfile() : undefined;
    const drainCpu = cpuSince(serverPid);
    await waitForDrain(
      mongodbUri,
      dbName,
      placed.map((p) => p.id),
      options.timeoutMs,
    );
    const { claims, byName: commandCounts, byKind, millisByKind } = commands.stop();
    const drainSeconds = drainCpu();
    if (profiling !== undefined) progress(`drain profile kept in ${await profiling.stop(DRAIN_PROFILE)}`);
    progress("drained; checking invariants and measuring the database ceiling…");

    const stored = await db
      .collection<StoredOrder>("orders")
      // This run's orders, not the history's (stored as 30 days old).
      .find(
        { createdAt: { $gte: new Date(firstSentAt - 60_000) } },
        { projection: { status: 1, tier: 1, processedAt: 1, waitMs: 1, items: 1 } },
      )
      .toArray();
    const placedAt = new Map(placed.map((p) => [p.id, p.placedAt]));
    const firstPlacedAt = min(placed.map((p) => p.placedAt));
    const finals = stored.filter((o) => o.processedAt instanceof Date);
    const lastFinalAt = max(finals.map((o) => o.processedAt!.getTime()));
    const latencies = finals
      .filter((o) => placedAt.has(o._id.toHexString()))
      .map((o) => o.processedAt!.getTime() - placedAt.get(o._id.toHexString())!)
      .sort((a, b) => a - b);
    const waits = (tier: string) =>
      mean(stored.filter((o) => o.tier === tier && typeof o.waitMs === "number").map((o) => o.waitMs!));
    const byStatus: Record<string, number> = {};
    for (const order of stored) byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
    const elapsedMs = lastFinalAt - firstPlacedAt;
    // After the last placement, the scheduler has the database and the event loop to itself.
    const drainedAfter = finals.filter((o) => o.processedAt!.getTime() > lastPlacedAt).length;
    const drainPerSec = drainedAfter / Math.max(0.001, (lastFinalAt - lastPlacedAt) / 1000);
    const ordersPerSec = placed.length / (elapsedMs / 1000);
    const meanLines = stored.reduce((sum, o) => sum + o.items.length, 0) / Math.max(1, stored.length);

    const violations = await checkInvariants(db, { drained: true });
    if (stored.length !== placed.length) violations.push(`${stored.length} orders stored for ${placed.length} placed`);
    if (finals.length !== stored.length) violations.push(`${stored.length - finals.length} orders have no processedAt`);

    const ceilingCpu = cpuSince(serverPid);
    const ceiling = await measureCeiling(db, plans, products, customers.length, options.concurrency);
    const ceilingSeconds = ceilingCpu();
    const micros = (seconds: number, per: number) => (Number.isNaN(seconds) ? null : round((seconds * 1e6) / per));
    const efficiency = (ordersPerSec * ceiling.writesPerOrder) / ceiling.opsPerSec;
    const drainEfficiency = (drainPerSec * ceiling.writesPerOrder) / ceiling.opsPerSec;
    const totalCommands = Object.values(commandCounts).reduce((sum, n) => sum + n, 0);

    const report = {
      sizes: {
        orders: options.orders,
        products: products.length,
        customers: customers.length,
        premiumCustomers: customers.filter((c) => c.tier === "PREMIUM").length,
        concurrency: options.concurrency,
        clients: options.clients,
        seed: options.seed,
        history: options.history,
        database,
      },
      results: {
        placed: placed.length,
        placeFailures: failures.length,
        approved: byStatus["APPROVED"] ?? 0,
        rejected: byStatus["REJECTED"] ?? 0,
        statuses: byStatus,
        meanLinesPerOrder: round(meanLines, 2),
        placementSeconds: round((lastPlacedAt - firstSentAt) / 1000, 2),
        placementPerSec: round(placed.length / ((lastPlacedAt - firstSentAt) / 1000)),
        endToEndSeconds: round(elapsedMs / 1000, 2),
        ordersPerSec: round(ordersPerSec),
        afterPlacement: { orders: drainedAfter, ordersPerSec: round(drainPerSec) },
        // CPU from the last placement until the follow-ups are done, per order decided after it
        // (this process holds the API and the benchmark's idle clients), against the database's
        // CPU per update of the ceiling.
        cpu: {
          // While placing, this process also runs the placing clients, and orders are decided.
          placeProcessMicrosPerOrder: micros(placeSeconds.process, Math.max(1, placed.length)),
          placeDatabaseMicrosPerOrder: micros(placeSeconds.database, Math.max(1, placed.length)),
          drainApiMicrosPerOrder: micros(drainSeconds.process, Math.max(1, drainedAfter)),
          drainDatabaseMicrosPerOrder: micros(drainSeconds.database, Math.max(1, drainedAfter)),
          ceilingDatabaseMicrosPerUpdate: micros(ceilingSeconds.database, Math.max(1, ceiling.ops)),
          // The ceiling's own client (this process, the API idle): the driver's cost of a bare update.
          ceilingClientMicrosPerUpdate: micros(ceilingSeconds.process, Math.max(1, ceiling.ops)),
        },
        latencyMs: {
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          max: latencies.at(-1) ?? null,
        },
        meanWaitMs: { PREMIUM: round(waits("PREMIUM")), STANDARD: round(waits("STANDARD")) },
        claimsPerOrder: round(claims / placed.length, 2),
        dbCommandsPerOrder: round(totalCommands / placed.length, 2),
        dbCommands: commandCounts,
        dbCommandsPerOrderByKind: Object.fromEntries(
          Object.entries(byKind).map(([kind, n]) => [kind, round(n / placed.length, 2)]),
        ),
        // Summed time from sending each command to its answer (commands overlap): a command
        // kind whose time grows with the history is one the database does not answer by index.
        dbMillisByKind: millisByKind,
        ceiling: {
          writesPerOrder: round(ceiling.writesPerOrder, 2),
          opsPerSec: round(ceiling.opsPerSec),
          ordersPerSec: round(ceiling.opsPerSec / ceiling.writesPerOrder),
          misses: ceiling.misses,
        },
        efficiency: round(efficiency, 3),
        drainEfficiency: round(drainEfficiency, 3),
        invariants: violations.length === 0,
        violations: violations.slice(0, 20),
        mailsSent: mailsSent(),
      },
    };
    if (measured) {
      printTable(report);
      if (placing !== undefined) printProfile(PLACEMENT_PROFILE);
      if (profiling !== undefined) printProfile(DRAIN_PROFILE);
      process.stdout.write(`${JSON.stringify(report)}\n`);
    }
    if (failures.length > 0) progress(`first placement failure: ${failures[0]}`);
    return { ok: violations.length === 0 && failures.length === 0, report };
  } finally {
    await stopStack(stack);
  }
}

export type Report = {
  sizes: Record<string, string | number>;
  results: {
    placed: number;
    placeFailures: number;
    approved: number;
    rejected: number;
    meanLinesPerOrder: number | null;
    placementSeconds: number | null;
    placementPerSec: number | null;
    endToEndSeconds: number | null;
    ordersPerSec: number | null;
    afterPlacement: { orders: number; ordersPerSec: number | null };
    cpu?: {
      placeProcessMicrosPerOrder?: number | null;
      placeDatabaseMicrosPerOrder?: number | null;
      drainApiMicrosPerOrder: number | null;
      drainDatabaseMicrosPerOrder: number | null;
      ceilingDatabaseMicrosPerUpdate: number | null;
      ceilingClientMicrosPerUpdate?: number | null;
    };
    latencyMs: { p50: number; p99: number; max: number | null };
    meanWaitMs: { PREMIUM: number | null; STANDARD: number | null };
    claimsPerOrder: number | null;
    dbCommandsPerOrder: number | null;
    dbCommandsPerOrderByKind: Record<string, number | null>;
    dbMillisByKind?: Record<string, number>;
    drainEfficiency: number | null;
    ceiling: { writesPerOrder: number | null; opsPerSec: number | null; ordersPerSec: number | null; misses: number };
    efficiency: number | null;
    invariants: boolean;
    violations: string[];
  };
};

function printTable({ sizes, results: r }: Report): void {
  const rows: Array<[string, string]> = [
    ["database", String(sizes["database"])],
    ["orders / products / customers", `${sizes["orders"]} / ${sizes["products"]} / ${sizes["customers"]}`],
    ["PREMIUM customers", String(sizes["premiumCustomers"])],
    ["scheduler concurrency", String(sizes["concurrency"])],
    ["HTTP clients placing", String(sizes["clients"])],
    ["placed (failed)", `${r.placed} (${r.placeFailures})`],
    ["approved / rejected", `${r.approved} / ${r.rejected}`],
    ["mean lines per order", String(r.meanLinesPerOrder)],
    ["placement", `${r.placementSeconds} s, ${r.placementPerSec} orders/s`],
    ["first placed → last final", `${r.endToEndSeconds} s`],
    ["throughput (end to end)", `${r.ordersPerSec} orders/s`],
    ["processed after placement", `${r.afterPlacement.orders} at ${r.afterPlacement.ordersPerSec} orders/s`],
    ["placed → final p50 / p99 / max", `${r.latencyMs.p50} / ${r.latencyMs.p99} / ${r.latencyMs.max} ms`],
    ["mean wait PREMIUM / STANDARD", `${r.meanWaitMs.PREMIUM} / ${r.meanWaitMs.STANDARD} ms`],
    ["claims per order", `${r.claimsPerOrder} (more than 1: went back to wait for stock held in flight)`],
    ["DB commands per order (all)", String(r.dbCommandsPerOrder)],
    ["DB ceiling (same updates)", `${r.ceiling.opsPerSec} ops/s = ${r.ceiling.ordersPerSec} orders/s`],
    ["conditional writes per order", String(r.ceiling.writesPerOrder)],
    ["efficiency", `${r.efficiency} (orders/s × writes per order ÷ ceiling)`],
    ["drain efficiency", `${r.drainEfficiency} (the same, while the backlog drains after placement)`],
    [
      "CPU per order while placing",
      `API and clients ${r.cpu?.placeProcessMicrosPerOrder ?? "?"} µs, database ${r.cpu?.placeDatabaseMicrosPerOrder ?? "?"} µs`,
    ],
    [
      "CPU per order while draining",
      `API ${r.cpu?.drainApiMicrosPerOrder ?? "?"} µs, database ${r.cpu?.drainDatabaseMicrosPerOrder ?? "?"} µs ` +
        `(per ceiling update: database ${r.cpu?.ceilingDatabaseMicrosPerUpdate ?? "?"} µs, ` +
        `its client ${r.cpu?.ceilingClientMicrosPerUpdate ?? "?"} µs)`,
    ],
    ["invariants", String(r.invariants)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  const rule = "-".repeat(Math.max(...lines.map((l) => l.length)));
  process.stdout.write(`OrderFlow order benchmark\n${rule}\n${lines.join("\n")}\n${rule}\n`);
  process.stdout.write("DB commands per order, by kind\n");
  for (const [kind, n] of Object.entries(r.dbCommandsPerOrderByKind)) {
    process.stdout.write(`  ${String(n).padStart(6)}  ${kind}\n`);
  }
  for (const violation of r.violations) process.stdout.write(`  violation: ${violation}\n`);
}

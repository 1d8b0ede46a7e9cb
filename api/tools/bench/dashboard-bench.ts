import "./production-mode";
import "reflect-metadata";
import { isDeepStrictEqual } from "node:util";
import { randomBytes, randomUUID } from "node:crypto";
import mongoose, { mongo } from "mongoose";
import pino from "pino";
import { startApp, type App } from "../../src/app";
import { systemClock } from "../../src/clock";
import { parseConfig } from "../../src/config";
import { DashboardCounters } from "../../src/modules/dashboard";
import { LogService } from "../../src/modules/logs";
import { OrderService, OrderStore, OrderStatus } from "../../src/modules/orders";
import { TIER_BASE } from "../../src/modules/orders/order.service";
import { ProductService } from "../../src/modules/products";
import { CustomerTier, Role, UserService } from "../../src/modules/users";
import { createAppPubSub } from "../../src/pubsub/pubsub";
import { priorityKey } from "../../src/scheduler/priority-queue";
import { seededRandom } from "../../src/lib/seeded-random";
import { noSeam } from "../../src/lib/seam";
import { BENCH_ADMIN, benchPeers, graphql, progress, runBenchmark, stopStack, type Stoppable } from "./harness";
import { optionReader } from "../lib/integer-option";

const option = optionReader(/^DASHBOARD_BENCH_/);

/*
 * The admin dashboard's speed on a large database (`npm run bench:dashboard` at the project root):
 * the real app in-process on the embedded database (or MONGODB_URI), with the scheduler off so the
 * data holds still; customers, products and N orders inserted straight through the driver (documents
 * as the app stores them, statuses over all seven, processed ones within the last hour); then the
 * dashboard's counters made by the migration (as on the first start of an existing database); then
 * the `dashboard` query timed over GraphQL HTTP as an admin, DashboardCounters.overview() timed
 * directly, and the recount it must equal, OrderService.overview() (one aggregation over the orders).
 *
 * Options (environment, or --name=value on the command line):
 *   DASHBOARD_BENCH_ORDERS     orders to insert                  (default 100000)
 *   DASHBOARD_BENCH_RUNS       timed runs of each measurement     (default 10)
 *   DASHBOARD_BENCH_CUSTOMERS  customers, a third of them PREMIUM (default 500)
 *   DASHBOARD_BENCH_PRODUCTS   products                           (default 200)
 *   DASHBOARD_BENCH_SEED       seed of the data                   (default 1)
 */

const ADMIN_EMAIL = BENCH_ADMIN.email;
const ADMIN_PASSWORD = BENCH_ADMIN.password;
const AGING_PER_SEC = 0.5;
const BATCH = 5000;

interface Options {
  readonly orders: number;
  readonly runs: number;
  readonly customers: number;
  readonly products: number;
  readonly seed: number;
}

function readOptions(): Options {
  return {
    orders: option("DASHBOARD_BENCH_ORDERS", 100_000, 0, 10_000_000),
    runs: option("DASHBOARD_BENCH_RUNS", 10, 1, 1000),
    customers: option("DASHBOARD_BENCH_CUSTOMERS", 500, 1, 100_000),
    products: option("DASHBOARD_BENCH_PRODUCTS", 200, 1, 100_000),
    seed: option("DASHBOARD_BENCH_SEED", 1, 0, 2 ** 31),
  };
}

const DASHBOARD = `
  query Dashboard {
    dashboard {
      customerCount
      premiumCustomerCount
      productCount
      orderCount
      revenueCents
      ordersByStatus { status count }
      throughput { minute approved rejected }
      scheduler {
        queued inFlight concurrency processedTotal approvedTotal rejectedTotal meanWaitMsPremium meanWaitMsStandard
      }
    }
  }
`;

interface DashboardData {
  customerCount: number;
  premiumCustomerCount: number;
  productCount: number;
  orderCount: number;
  revenueCents: number;
  ordersByStatus: Array<{ status: string; count: number }>;
  throughput: Array<{ minute: string; approved: number; rejected: number }>;
  scheduler: { approvedTotal: number; rejectedTotal: number; queued: number; inFlight: number };
}

// ---------------------------------------------------------------- the data

/** How the orders spread over the statuses (weights). */
const STATUS_WEIGHTS: ReadonlyArray<readonly [OrderStatus, number]> = [
  [OrderStatus.PENDING, 10],
  [OrderStatus.PROCESSING, 1],
  [OrderStatus.APPROVED, 35],
  [OrderStatus.REJECTED, 15],
  [OrderStatus.CANCELLED, 9],
  [OrderStatus.SHIPPED, 15],
  [OrderStatus.DELIVERED, 15],
];

interface SeedProduct {
  readonly _id: mongo.ObjectId;
  readonly name: string;
  readonly priceCents: number;
}

interface SeedCustomer {
  readonly _id: mongo.ObjectId;
  readonly tier: CustomerTier;
}

/** What the inserted orders should make the dashboard say. */
interface Expected {
  readonly byStatus: Record<string, number>;
  readonly revenueCents: number;
  readonly approvedTotal: number;
  readonly rejectedTotal: number;
  readonly customers: number;
  readonly premium: number;
  readonly products: number;
}

async function seed(db: mongo.Db, adminId: mongo.ObjectId, options: Options): Promise<Expected> {
  const random = seededRandom(options.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const now = Date.now();
  const hourAgo = now - 3_600_000;
  const dayAgo = now - 86_400_000;

  const customers: SeedCustomer[] = Array.from({ length: options.customers }, (_, i) => ({
    _id: new mongo.ObjectId(),
    tier: i % 3 === 0 ? CustomerTier.PREMIUM : CustomerTier.STANDARD,
  }));
  const passwordHash = `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString("base64")}$${randomBytes(32).toString("base64")}`;
  await db.collection("users").insertMany(
    customers.map((c, i) => {
      const email = `bench-customer-${i + 1}@orderflow.bench`;
      const budgetCents = 100 * between(100, 100_000);
      const createdAt = new Date(dayAgo + i);
      return {
        _id: c._id,
        name: `Bench customer ${i + 1}`,
        email,
        emailKey: email,
        passwordHash,
        role: Role.CUSTOMER,
        tier: c.tier,
        budgetCents,
        depositedCents: budgetCents,
        totalSpentCents: 0,
        holds: [],
        emailVerifiedAt: createdAt,
        tokenVersion: 0,
        totpSecret: null,
        totpEnabled: false,
        totpLastStep: null,
        lastMailAt: null,
        deletedAt: null,
        createdAt,
        updatedAt: createdAt,
        __v: 0,
      };
    }),
  );

  const products: SeedProduct[] = Array.from({ length: options.products }, (_, i) => ({
    _id: new mongo.ObjectId(),
    name: `Bench product ${i + 1}`,
    priceCents: 100 * between(1, 500),
  }));
  await db.collection("products").insertMany(
    products.map((p, i) => {
      const stock = between(0, 10_000);
      const createdAt = new Date(dayAgo + i);
      return {
        _id: p._id,
        name: p.name,
        description: `A product of the dashboard benchmark (${i + 1}).`,
        priceCents: p.priceCents,
        stock,
        receivedTotal: stock,
        holds: [],
        ownerId: adminId,
        deletedAt: null,
        createdAt,
        updatedAt: createdAt,
        __v: 0,
      };
    }),
  );

  const totalWeight = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const pickStatus = (): OrderStatus => {
    let roll = random() * totalWeight;
    for (const [status, weight] of STATUS_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return status;
    }
    return OrderStatus.PENDING;
  };
  const byStatus: Record<string, number> = Object.fromEntries(Object.values(OrderStatus).map((s) => [s, 0]));
  let revenueCents = 0;
  let approvedTotal = 0;
  let rejectedTotal = 0;
  const owner = randomUUID();

  for (let from = 0; from < options.orders; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, options.orders - from) }, () => {
      const customer = customers[Math.floor(random() * customers.length)];
      const chosen = new Set<number>();
      const lineCount = Math.min(products.length, between(1, 3));
      while (chosen.size < lineCount) chosen.add(Math.floor(random() * products.length));
      const items = [...chosen]
        .map((index) => products[index])
        .sort((a, b) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1))
        .map((product) => {
          const quantity = between(1, 5);
          return {
            productId: product._id,
            productName: product.name,
            unitPriceCents: product.priceCents,
            quantity,
            lineTotalCents: product.priceCents * quantity,
          };
        });
      const totalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
      const status = pickStatus();
      byStatus[status] += 1;
      // Cancelled orders: half were cancelled while waiting, half after approval (they keep their outcome).
      const outcome =
        status === OrderStatus.APPROVED || status === OrderStatus.SHIPPED || status === OrderStatus.DELIVERED
          ? OrderStatus.APPROVED
          : status === OrderStatus.REJECTED
            ? OrderStatus.REJECTED
            : status === OrderStatus.CANCELLED && random() < 0.5
              ? OrderStatus.APPROVED
              : null;
      if (outcome === OrderStatus.APPROVED) approvedTotal += 1;
      if (outcome === OrderStatus.REJECTED) rejectedTotal += 1;
      if (status === OrderStatus.APPROVED || status === OrderStatus.SHIPPED || status === OrderStatus.DELIVERED) {
        revenueCents += totalCents;
      }
      const processedAt = outcome === null ? null : new Date(between(hourAgo, now - 1000));
      const waitMs = processedAt === null ? null : between(20, 120_000);
      const createdAt =
        processedAt !== null && waitMs !== null
          ? new Date(processedAt.getTime() - waitMs)
          : new Date(between(hourAgo, now - 1000));
      const base = TIER_BASE[customer.tier];
      const key = priorityKey(base, AGING_PER_SEC, createdAt.getTime());
      const claimId = outcome === null && status !== OrderStatus.PROCESSING ? null : randomUUID();
      const updatedAt = new Date(Math.max(createdAt.getTime(), processedAt?.getTime() ?? 0));
      return {
        _id: new mongo.ObjectId(),
        customerId: customer._id,
        tier: customer.tier,
        items,
        totalCents,
        status,
        priorityKey: key,
        priorityAtClaim:
          status === OrderStatus.PENDING ? null : base + (AGING_PER_SEC * (waitMs ?? between(0, 5000))) / 1000,
        claim: status === OrderStatus.PROCESSING ? { claimId, owner, until: new Date(now + 30_000) } : null,
        committedClaimId: outcome === OrderStatus.APPROVED ? claimId : null,
        outcome,
        reason:
          status === OrderStatus.REJECTED
            ? `Insufficient budget: the order costs ${totalCents} cents`
            : status === OrderStatus.CANCELLED
              ? "Cancelled by the customer"
              : null,
        processedAt,
        processedMinute:
          processedAt === null ? null : new Date(processedAt.getTime() - (processedAt.getTime() % 60_000)),
        waitMs,
        createdAt,
        updatedAt,
        __v: 0,
      };
    });
    await db.collection("orders").insertMany(batch, { ordered: false });
    if ((from / BATCH) % 4 === 3) progress(`${from + batch.length} of ${options.orders} orders inserted`);
  }
  return {
    byStatus,
    revenueCents,
    approvedTotal,
    rejectedTotal,
    customers: customers.length,
    premium: customers.filter((c) => c.tier === CustomerTier.PREMIUM).length,
    products: products.length,
  };
}

// ---------------------------------------------------------------- timing

interface Timing {
  readonly firstMs: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/** Runs `task` once cold (reported as `firstMs`), then `runs` more times, one after another. */
async function time(runs: number, task: () => Promise<unknown>): Promise<Timing> {
  const once = async () => {
    const started = performance.now();
    await task();
    return performance.now() - started;
  };
  const firstMs = await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  samples.sort((a, b) => a - b);
  const middle = Math.floor(samples.length / 2);
  const median = samples.length % 2 === 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    firstMs: round(firstMs),
    minMs: round(samples[0]),
    medianMs: round(median),
    meanMs: round(samples.reduce((sum, s) => sum + s, 0) / samples.length),
    maxMs: round(samples[samples.length - 1]),
    runs,
  };
}

/** Where the dashboard disagrees with the inserted data (empty when it agrees). */
function mismatches(dashboard: DashboardData, expected: Expected, orders: number): string[] {
  const problems: string[] = [];
  const check = (label: string, got: unknown, want: unknown) => {
    if (got !== want) problems.push(`${label}: ${String(got)} ≠ ${String(want)}`);
  };
  check("orderCount", dashboard.orderCount, orders);
  check("revenueCents", dashboard.revenueCents, expected.revenueCents);
  check("customerCount", dashboard.customerCount, expected.customers);
  check("premiumCustomerCount", dashboard.premiumCustomerCount, expected.premium);
  check("productCount", dashboard.productCount, expected.products);
  check("approvedTotal", dashboard.scheduler.approvedTotal, expected.approvedTotal);
  check("rejectedTotal", dashboard.scheduler.rejectedTotal, expected.rejectedTotal);
  for (const { status, count } of dashboard.ordersByStatus) check(`orders ${status}`, count, expected.byStatus[status]);
  const inThroughput = dashboard.throughput.reduce((sum, p) => sum + p.approved + p.rejected, 0);
  // Processed orders all lie in the last hour; the oldest minute may have slid out of the window.
  if (inThroughput > expected.approvedTotal + expected.rejectedTotal) {
    problems.push(
      `throughput counts ${inThroughput} decisions, more than ${expected.approvedTotal + expected.rejectedTotal}`,
    );
  }
  return problems;
}

/** The counters' figures against the recount's, read within one minute (the windows must match). */
async function countedEqualsRecount(counters: DashboardCounters, orders: OrderService): Promise<boolean> {
  for (;;) {
    const minute = Math.floor(Date.now() / 60_000);
    const [counted, recount] = await Promise.all([counters.overview(), orders.overview()]);
    if (Math.floor(Date.now() / 60_000) === minute) return isDeepStrictEqual(counted, recount);
  }
}

async function run(options: Options): Promise<boolean> {
  const stack: Stoppable[] = [];
  try {
    const { mongodbUri, database, smtpUrl } = await benchPeers(stack);

    const config = parseConfig({
      NODE_ENV: "test",
      PORT: "0",
      JWT_SECRET: randomBytes(32).toString("hex"),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      SMTP_URL: smtpUrl,
      SCHEDULER_AGING_PER_SEC: String(AGING_PER_SEC),
    });
    const dbName = `orderflow_dashboard_bench_${randomBytes(4).toString("hex")}`;
    const logger = pino({ level: "silent" });
    // The scheduler stays off: PENDING orders inserted here must not be processed while timing.
    const app: App = await startApp({ config, logger, mongodbUri, dbName, scheduler: { enabled: false } });
    stack.push({ name: "app", stop: () => app.stop() });
    const db = mongoose.connection.db;
    if (db === undefined) throw new Error("the app's database connection is not open");
    stack.push({ name: "bench database", stop: () => db.dropDatabase() });
    progress(`app at ${app.url}, database ${dbName}`);

    const admin = await graphql<{ login: { token: string; user: { id: string } } }>(
      app.url,
      `
        mutation ($input: LoginInput!) {
          login(input: $input) {
            token
            user {
              id
            }
          }
        }
      `,
      { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } },
    );
    progress(`inserting ${options.customers} customers, ${options.products} products and ${options.orders} orders…`);
    const seedStarted = performance.now();
    const expected = await seed(db, new mongo.ObjectId(admin.login.user.id), options);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    progress(`inserted in ${seedSeconds.toFixed(1)} s; timing the dashboard…`);

    const pubSub = createAppPubSub();
    const logs = new LogService(pubSub, systemClock, logger);
    const orders = new OrderService(
      new OrderStore(systemClock, noSeam),
      new ProductService(pubSub, logs, systemClock),
      new UserService(pubSub, logs, systemClock),
      pubSub,
      logs,
      systemClock,
      { agingPerSec: AGING_PER_SEC },
    );
    // The orders were inserted behind the app's back: the counters it started on the empty
    // database are dropped, and counted again as on the first start of an existing database.
    progress("counting the orders into the dashboard's counters (the migration)…");
    await Promise.all(
      ["dashboard_totals", "dashboard_buckets"].map((c) =>
        db
          .collection(c)
          .drop()
          .catch(() => false),
      ),
    );
    const counters = new DashboardCounters(orders, systemClock, logger, { rollUpIntervalMs: 0 });
    const migrationStarted = performance.now();
    await counters.ensure();
    const migrationSeconds = (performance.now() - migrationStarted) / 1000;

    let last: DashboardData | undefined;
    const dashboard = await time(options.runs, async () => {
      last = (await graphql<{ dashboard: DashboardData }>(app.url, DASHBOARD, {}, admin.login.token)).dashboard;
    });
    progress("timing DashboardCounters.overview() and the recount, OrderService.overview()…");
    const countersOverview = await time(options.runs, () => counters.overview());
    const processingCount = await time(options.runs, () => orders.countProcessing());
    const overview = await time(options.runs, () => orders.overview());
    const agree = await countedEqualsRecount(counters, orders);
    const problems = last === undefined ? ["no dashboard was read"] : mismatches(last, expected, options.orders);
    if (!agree) problems.push("the counters differ from the recount");

    const report = {
      sizes: {
        orders: options.orders,
        customers: options.customers,
        products: options.products,
        runs: options.runs,
        seed: options.seed,
        database,
      },
      seedSeconds: Number(seedSeconds.toFixed(2)),
      migrationSeconds: Number(migrationSeconds.toFixed(2)),
      ordersByStatus: expected.byStatus,
      dashboardQueryMs: dashboard,
      countersOverviewMs: countersOverview,
      processingCountMs: processingCount,
      orderOverviewMs: overview,
      dashboard: last === undefined ? null : { orderCount: last.orderCount, revenueCents: last.revenueCents },
      consistent: problems.length === 0,
      problems,
    };
    printTable(report);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return problems.length === 0;
  } finally {
    await stopStack(stack);
  }
}

function printTable(report: {
  sizes: Options & { database: string };
  seedSeconds: number;
  migrationSeconds: number;
  ordersByStatus: Record<string, number>;
  dashboardQueryMs: Timing;
  countersOverviewMs: Timing;
  processingCountMs: Timing;
  orderOverviewMs: Timing;
  consistent: boolean;
  problems: string[];
}): void {
  const { sizes } = report;
  const timing = (t: Timing) =>
    `min ${t.minMs}  median ${t.medianMs}  mean ${t.meanMs}  max ${t.maxMs} ms  (first ${t.firstMs} ms, ${t.runs} runs)`;
  const rows: Array<[string, string]> = [
    ["database", sizes.database],
    ["orders / customers / products", `${sizes.orders} / ${sizes.customers} / ${sizes.products}`],
    [
      "orders by status",
      Object.entries(report.ordersByStatus)
        .map(([status, n]) => `${status} ${n}`)
        .join(", "),
    ],
    ["inserted in", `${report.seedSeconds} s`],
    ["counted into the counters in", `${report.migrationSeconds} s (once, on first start)`],
    ["dashboard query (GraphQL HTTP)", timing(report.dashboardQueryMs)],
    ["DashboardCounters.overview()", timing(report.countersOverviewMs)],
    ["of which: count PROCESSING orders", timing(report.processingCountMs)],
    ["recount: OrderService.overview()", timing(report.orderOverviewMs)],
    ["figures match the data", String(report.consistent)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  const rule = "-".repeat(Math.max(...lines.map((l) => l.length)));
  process.stdout.write(`OrderFlow dashboard benchmark\n${rule}\n${lines.join("\n")}\n${rule}\n`);
  for (const problem of report.problems) process.stdout.write(`  mismatch: ${problem}\n`);
}

runBenchmark(readOptions, run);

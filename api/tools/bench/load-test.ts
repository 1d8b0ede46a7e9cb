import { ORDERFLOW_DIR } from "../paths";
import "reflect-metadata";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startCluster, type Cluster } from "../cluster/cluster";
import { cpuByPackage, summarizeCpuProfile, type ProfileLine } from "./cpu-profile";
import { BENCH_ADMIN, benchPeers, graphql, processCpuSeconds, progress, stopStack, type Stoppable } from "./harness";
import { optionReader } from "../lib/integer-option";

const option = optionReader(/^LOAD_/);
const options = {
  /** Seconds of each autocannon run. */
  durationSec: option("LOAD_DURATION_SEC", 10, 1, 600),
  /** autocannon's concurrent connections. */
  connections: option("LOAD_CONNECTIONS", 32, 1, 1_000),
  subscribers: option("LOAD_SUBSCRIBERS", 1_000, 1, 20_000),
  /** Orders placed per second while the subscribers listen. */
  orderRate: option("LOAD_ORDER_RATE", 10, 1, 1_000),
  /** Seconds of order placing while the subscribers listen. */
  eventSec: option("LOAD_EVENT_SEC", 15, 1, 600),
  profile: process.argv.includes("--profile"),
};

const OUT_DIR = join(ORDERFLOW_DIR, "loadtest");
const CUSTOMERS = 20;
const PRODUCTS = 20;
const ORDER_UPDATED = "subscription { orderUpdated { id status updatedAt } }";
const PLACE_ORDER = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Shop {
  readonly url: string;
  readonly adminToken: string;
  readonly customerTokens: readonly string[];
  readonly productIds: readonly string[];
}

/**
 * From both instances' /metrics: the worse event-loop delay p99 since the last scrape (prom-client
 * resets its histogram per scrape), and the CPU seconds both have used so far.
 */
async function instanceFigures(cluster: Cluster): Promise<{ eventLoopP99Ms: number; cpuSeconds: number }> {
  const figures = await Promise.all(
    cluster.instances.map(async (instance) => {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      const value = (name: string) =>
        Number(new RegExp(`^orderflow_${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
      return { lag: value("nodejs_eventloop_lag_p99_seconds") * 1_000, cpu: value("process_cpu_seconds_total") };
    }),
  );
  return {
    eventLoopP99Ms: round(Math.max(...figures.map((f) => f.lag)), 2),
    cpuSeconds: figures.reduce((sum, f) => sum + f.cpu, 0),
  };
}

interface HttpResult {
  readonly name: string;
  readonly requestsPerSec: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  /** Non-2xx answers, socket errors and timeouts, and 200s carrying GraphQL errors. */
  readonly failures: number;
  readonly eventLoopP99Ms: number;
  /** The CPU both API instances spent on the phase, per request answered (µs). */
  readonly apiCpuMicrosPerRequest: number;
  /** The same for the embedded database server (null with MONGODB_URI). */
  readonly databaseCpuMicrosPerRequest: number | null;
}

/** Where the load goes: the cluster, and the embedded database's process when there is one. */
interface Target {
  readonly cluster: Cluster;
  readonly databasePid: number | undefined;
}

/** One autocannon run through nginx; every answer's body is checked for GraphQL errors. */
async function httpPhase(
  { cluster, databasePid }: Target,
  name: string,
  body: () => string,
  token: (() => string) | undefined,
): Promise<HttpResult> {
  progress(`autocannon: ${name}, ${options.connections} connections for ${options.durationSec} s…`);
  const before = await instanceFigures(cluster); // also resets the instances' histograms
  const databaseBefore = processCpuSeconds(databasePid);
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `${cluster.url}/graphql`,
    connections: options.connections,
    duration: options.durationSec,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({
          ...request,
          headers: {
            "content-type": "application/json",
            ...(token === undefined ? {} : { authorization: `Bearer ${token()}` }),
          },
          body: body(),
        }),
        onResponse: (status, responseBody) => {
          if (status === 200 && responseBody.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  const after = await instanceFigures(cluster);
  const databaseSeconds = processCpuSeconds(databasePid) - databaseBefore;
  const perRequest = (seconds: number) => round((seconds * 1e6) / Math.max(1, result.requests.total));
  return {
    name,
    requestsPerSec: round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + graphqlErrors,
    eventLoopP99Ms: after.eventLoopP99Ms,
    apiCpuMicrosPerRequest: perRequest(after.cpuSeconds - before.cpuSeconds),
    databaseCpuMicrosPerRequest: Number.isNaN(databaseSeconds) ? null : perRequest(databaseSeconds),
  };
}

/** Creates the shop the load runs against: products with ample stock, customers with ample budgets. */
async function seed(cluster: Cluster): Promise<Shop> {
  const url = cluster.url;
  const LOGIN = "mutation($i: LoginInput!) { login(input: $i) { token } }";
  const login = async (email: string, password: string) =>
    (await graphql<{ login: { token: string } }>(url, LOGIN, { i: { email, password } })).login.token;
  const adminToken = await login(BENCH_ADMIN.email, BENCH_ADMIN.password);
  const productIds: string[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const { createProduct } = await graphql<{ createProduct: { id: string } }>(
      url,
      "mutation($input: ProductInput!) { createProduct(input: $input) { id } }",
      {
        input: { name: `Load product ${i}`, description: "For the load test", priceCents: 100 + i, stock: 10_000_000 },
      },
      adminToken,
    );
    productIds.push(createProduct.id);
  }
  const customerTokens: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const email = `load-${i}@orderflow.bench`;
    await graphql(
      url,
      "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }",
      {
        input: {
          name: `Load customer ${i}`,
          email,
          password: BENCH_ADMIN.password,
          tier: i % 4 === 0 ? "PREMIUM" : "STANDARD",
          budgetCents: 1_000_000_000_000,
        },
      },
      adminToken,
    );
    customerTokens.push(await login(email, BENCH_ADMIN.password));
  }
  return { url, adminToken, customerTokens, productIds };
}

function orderInput(shop: Shop, n: number): Record<string, unknown> {
  return {
    input: {
      items: [
        { productId: shop.productIds[n % PRODUCTS], quantity: 1 },
        { productId: shop.productIds[(n * 7 + 3) % PRODUCTS], quantity: 2 },
      ].filter((item, index, items) => index === 0 || item.productId !== items[0].productId),
    },
  };
}

/** Waits until no order is PENDING or PROCESSING. */
async function drained(shop: Shop, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { orders } = await graphql<{ orders: { totalCount: number } }>(
      shop.url,
      "{ orders(filter: { status: [PENDING, PROCESSING] }, first: 1) { totalCount } }",
      {},
      shop.adminToken,
    );
    if (orders.totalCount === 0) return;
    if (Date.now() > deadline) throw new Error(`${orders.totalCount} orders still open after ${timeoutMs} ms`);
    await sleep(250);
  }
}

interface Listener {
  readonly client: Client;
  /** `id:status:updatedAt` → how often it arrived. */
  readonly received: Map<string, number>;
  readonly latenciesMs: number[];
  connected: boolean;
  errors: number;
}

interface FanOutResult {
  readonly subscribers: number;
  readonly orders: number;
  /** placeOrder requests that failed (each one's message in `placeFailureMessages`). */
  readonly placeFailures: number;
  readonly placeFailureMessages: readonly string[];
  /** Distinct order events published (seen by at least one subscriber). */
  readonly events: number;
  readonly deliveries: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
  /** Σ over subscribers of the events it did not get. */
  readonly lostEvents: number;
  readonly duplicateEvents: number;
  /** Orders whose final status no subscriber received. */
  readonly finalStatusesMissing: number;
  readonly subscriptionErrors: number;
  readonly eventLoopP99Ms: number;
  /** CPU seconds both instances used while the orders were placed and their events delivered. */
  readonly apiCpuSeconds: number;
  /** The load generator's own event-loop delay: if high, it, not the API, adds latency. */
  readonly loadGeneratorEventLoopP99Ms: number;
}

/**
 * `count` admin subscribers of every order's updates, through nginx (so spread over both
 * instances, with events crossing Redis), while orders are placed at a steady rate. Latency is
 * receive time minus the event's `updatedAt` (set when the change was written, just before it is
 * published), on one machine's clock.
 */
async function fanOutPhase(cluster: Cluster, shop: Shop, count: number): Promise<FanOutResult> {
  progress(`${count} subscriber(s): connecting through nginx…`);
  const listeners: Listener[] = [];
  for (let i = 0; i < count; i++) {
    const listener: Listener = {
      client: createClient({
        url: `${shop.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${shop.adminToken}` },
        on: { connected: () => (listener.connected = true) },
      }),
      received: new Map(),
      latenciesMs: [],
      connected: false,
      errors: 0,
    };
    listener.client.subscribe<{ orderUpdated: { id: string; status: string; updatedAt: string } }>(
      { query: ORDER_UPDATED },
      {
        next: ({ data }) => {
          const now = Date.now();
          if (!data) return void (listener.errors += 1);
          const { id, status, updatedAt } = data.orderUpdated;
          const key = `${id}:${status}:${updatedAt}`;
          listener.received.set(key, (listener.received.get(key) ?? 0) + 1);
          listener.latenciesMs.push(now - Date.parse(updatedAt));
        },
        error: () => (listener.errors += 1),
        complete: () => undefined,
      },
    );
    listeners.push(listener);
    if (i % 100 === 99) await sleep(20); // let handshakes through in batches
  }
  const connectDeadline = Date.now() + 60_000;
  while (listeners.some((l) => !l.connected)) {
    if (Date.now() > connectDeadline) throw new Error("not every subscriber connected within 60 s");
    await sleep(50);
  }
  // graphql-ws does not acknowledge a subscription: a warm-up order proves every one of them live.
  const warmUp = async (): Promise<string> =>
    (await graphql<{ placeOrder: { id: string } }>(shop.url, PLACE_ORDER, orderInput(shop, 0), shop.customerTokens[0]))
      .placeOrder.id;
  for (let attempt = 0; ; attempt++) {
    const id = await warmUp();
    await sleep(1_000);
    if (listeners.every((l) => [...l.received.keys()].some((key) => key.startsWith(`${id}:`)))) break;
    if (attempt === 10) throw new Error("subscribers did not all receive the warm-up order's events");
  }
  await drained(shop);
  for (const listener of listeners) {
    listener.received.clear();
    listener.latenciesMs.length = 0;
  }

  progress(`${count} subscriber(s): placing ${options.orderRate} orders/s for ${options.eventSec} s…`);
  const before = await instanceFigures(cluster);
  const generatorDelay = monitorEventLoopDelay({ resolution: 10 });
  generatorDelay.enable();
  const placed: string[] = [];
  const placeFailures: string[] = [];
  const total = options.orderRate * options.eventSec;
  const started = Date.now();
  const placing: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1_000) / options.orderRate;
    if (due > Date.now()) await sleep(due - Date.now());
    placing.push(
      graphql<{ placeOrder: { id: string } }>(
        shop.url,
        PLACE_ORDER,
        orderInput(shop, n),
        shop.customerTokens[n % CUSTOMERS],
      ).then(
        ({ placeOrder }) => void placed.push(placeOrder.id),
        (error: unknown) => void placeFailures.push(error instanceof Error ? error.message : String(error)),
      ),
    );
  }
  await Promise.all(placing);
  await drained(shop);
  await sleep(2_000); // the last events on their way
  generatorDelay.disable();
  const after = await instanceFigures(cluster);

  const ours = new Set(placed);
  const union = new Set<string>();
  let deliveries = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  for (const listener of listeners) {
    for (const [key, times] of listener.received) {
      if (!ours.has(key.slice(0, key.indexOf(":")))) continue;
      union.add(key);
      deliveries += times;
      duplicates += times - 1;
    }
    latencies.push(...listener.latenciesMs);
  }
  const lost = listeners.reduce(
    (sum, listener) => sum + [...union].filter((key) => !listener.received.has(key)).length,
    0,
  );
  const finalSeen = new Set(
    [...union].filter((key) => /:(APPROVED|REJECTED):/.test(key)).map((key) => key.slice(0, key.indexOf(":"))),
  );
  latencies.sort((a, b) => a - b);
  await Promise.all(listeners.map(async (listener) => listener.client.dispose()));
  return {
    subscribers: count,
    orders: placed.length,
    placeFailures: placeFailures.length,
    placeFailureMessages: [...new Set(placeFailures)].slice(0, 5),
    events: union.size,
    deliveries,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: latencies.at(-1) ?? Number.NaN,
    lostEvents: lost,
    duplicateEvents: duplicates,
    finalStatusesMissing: placed.filter((id) => !finalSeen.has(id)).length,
    subscriptionErrors: listeners.reduce((sum, listener) => sum + listener.errors, 0),
    eventLoopP99Ms: after.eventLoopP99Ms,
    apiCpuSeconds: round(after.cpuSeconds - before.cpuSeconds, 2),
    loadGeneratorEventLoopP99Ms: round(generatorDelay.percentile(99) / 1e6, 2),
  };
}

function table(rows: readonly (readonly (string | number)[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padStart(widths[column])).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const stack: Stoppable[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "orderflow-load-"));
  const profileDir = join(dataDir, "profiles");
  try {
    const { mongodbUri, database, smtpUrl, serverPid } = await benchPeers(stack);
    const uri = process.env["MONGODB_URI"] ? mongodbUri : `${mongodbUri}/orderflow_load`;
    progress("starting the cluster: redis-server, two API instances, nginx…");
    const cluster = await startCluster({
      dataDir,
      mongodbUri: uri,
      smtpUrl,
      env: {
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
        DEMO_DATA: "false",
        LOG_LEVEL: "warn",
      },
      ...(options.profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : {}),
      production: true,
      progress,
    });
    stack.push({ name: "cluster", stop: () => cluster.stop() });
    const shop = await seed(cluster);
    const target: Target = { cluster, databasePid: serverPid };

    let next = 0;
    const customer = () => shop.customerTokens[next++ % CUSTOMERS];
    const http: HttpResult[] = [
      await httpPhase(target, "{ __typename }", () => JSON.stringify({ query: "{ __typename }" }), undefined),
      await httpPhase(
        target,
        "products(first: 20)",
        () => JSON.stringify({ query: "{ products(first: 20) { nodes { id name priceCents stock } totalCount } }" }),
        customer,
      ),
      await httpPhase(
        target,
        "me",
        () => JSON.stringify({ query: "{ me { id email name role tier budgetCents } }" }),
        customer,
      ),
      await httpPhase(
        target,
        "placeOrder",
        () => JSON.stringify({ query: PLACE_ORDER, variables: orderInput(shop, next) }),
        customer,
      ),
    ];
    progress("waiting for the placed orders to be decided…");
    await drained(shop, 600_000);

    const one = await fanOutPhase(cluster, shop, 1);
    const many = await fanOutPhase(cluster, shop, options.subscribers);

    const byName = (name: string) => http.find((result) => result.name === name)!;
    const results = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGiB: round(totalmem() / 2 ** 30),
        node: process.version,
        database,
        topology: "nginx → 2 API instances (Redis pub/sub) → one database; load generator on the same machine",
      },
      options,
      http,
      subscriptions: [one, many],
      ratios: {
        listOverTypename: round(
          byName("products(first: 20)").requestsPerSec / byName("{ __typename }").requestsPerSec,
          3,
        ),
        p99ManyOverOne: round(many.latencyP99Ms / one.latencyP99Ms, 2),
        lostEvents: one.lostEvents + many.lostEvents,
        /** What one more delivery costs the instances: the CPU the extra subscribers added, per delivery. */
        apiCpuMicrosPerDelivery: round(
          ((many.apiCpuSeconds - one.apiCpuSeconds) * 1e6) / (many.deliveries - one.deliveries),
          1,
        ),
        eventLoopP99Ms: Math.max(...http.map((r) => r.eventLoopP99Ms), one.eventLoopP99Ms, many.eventLoopP99Ms),
      },
    };

    await cluster.stop();
    stack.pop();
    if (options.profile) {
      const profiles: Record<
        string,
        { functions: ProfileLine[]; byPackage: { where: string; selfPercent: number }[] }
      > = {};
      const kept = join(OUT_DIR, "profiles");
      mkdirSync(kept, { recursive: true });
      for (const file of readdirSync(profileDir).filter((name) => name.endsWith(".cpuprofile"))) {
        copyFileSync(join(profileDir, file), join(kept, file));
        profiles[file] = {
          functions: summarizeCpuProfile(join(profileDir, file), 15),
          byPackage: cpuByPackage(join(profileDir, file)),
        };
      }
      writeFileSync(join(OUT_DIR, "profiles.json"), `${JSON.stringify(profiles, null, 2)}\n`);
      progress(`CPU profiles kept in ${kept} (open them in Chrome DevTools)`);
      for (const [file, { functions: lines, byPackage }] of Object.entries(profiles)) {
        process.stdout.write(`\nCPU profile ${file}: self time by package\n`);
        process.stdout.write(`${table([["self %", "where"], ...byPackage.map((p) => [p.selfPercent, p.where])])}\n`);
        process.stdout.write(`\nCPU profile ${file}: top functions by self time\n`);
        process.stdout.write(
          `${table([["self %", "self ms", "function", "where"], ...lines.map((l) => [l.selfPercent, l.selfMs, l.functionName, l.location])])}\n`,
        );
      }
    }

    process.stdout.write(`\nLoad test through nginx (${results.machine.cpus} cores, ${results.machine.cpuModel})\n\n`);
    process.stdout.write(
      `${table([
        [
          "operation",
          "req/s",
          "p50 ms",
          "p99 ms",
          "requests",
          "failures",
          "API loop p99 ms",
          "API CPU µs/req",
          "DB CPU µs/req",
        ],
        ...http.map((r) => [
          r.name,
          r.requestsPerSec,
          r.latencyP50Ms,
          r.latencyP99Ms,
          r.requests,
          r.failures,
          r.eventLoopP99Ms,
          r.apiCpuMicrosPerRequest,
          r.databaseCpuMicrosPerRequest ?? "-",
        ]),
      ])}\n\n`,
    );
    process.stdout.write(
      `${table([
        [
          "subscribers",
          "orders",
          "events",
          "deliveries",
          "p50 ms",
          "p99 ms",
          "max ms",
          "lost",
          "dup",
          "API loop p99 ms",
          "API CPU s",
          "generator loop p99 ms",
        ],
        ...[one, many].map((r) => [
          r.subscribers,
          r.orders,
          r.events,
          r.deliveries,
          r.latencyP50Ms,
          r.latencyP99Ms,
          r.latencyMaxMs,
          r.lostEvents,
          r.duplicateEvents,
          r.eventLoopP99Ms,
          r.apiCpuSeconds,
          r.loadGeneratorEventLoopP99Ms,
        ]),
      ])}\n\n`,
    );
    process.stdout.write(
      `${table([
        ["ratio", "value"],
        ["products(first: 20) req/s ÷ { __typename } req/s", results.ratios.listOverTypename],
        [`p99 with ${options.subscribers} subscribers ÷ p99 with 1`, results.ratios.p99ManyOverOne],
        ["lost events", results.ratios.lostEvents],
        ["API CPU per delivery (µs, both instances)", results.ratios.apiCpuMicrosPerDelivery],
        ["API event-loop delay p99 (ms, worst phase)", results.ratios.eventLoopP99Ms],
      ])}\n\n`,
    );
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results)}\n`);
    const broken = [one, many].some((r) => r.finalStatusesMissing > 0 || r.placeFailures > 0);
    if (results.ratios.lostEvents > 0 || broken) process.exitCode = 1;
  } finally {
    await stopStack(stack);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `load test failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

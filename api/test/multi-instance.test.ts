import { createClient, type Client } from "graphql-ws";
import { mongo } from "mongoose";
import WebSocket from "ws";
import { ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, uniqueEmail } from "./helpers/accounts";
import { spawnApi, type ApiProcess } from "../tools/cluster/api-process";
import { mustAt, startProcessStack, type ProcessStack } from "./helpers/api-process";
import {
  checkInvariants,
  decisionMismatches,
  InvariantSampler,
  statusCounts,
  waitForDrain,
} from "./helpers/invariants";

const RUNNING = /OrderFlow is running at (http:\/\/\S+)/;
const CUSTOMERS = 40;
const PRODUCTS = 12;
const RANDOM_ORDERS = 1_000;
const DRAIN_TIMEOUT_MS = 120_000;
const INSTANCES = ["A", "B"] as const;
type Instance = (typeof INSTANCES)[number];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/**
 * Two API processes on one database. Without REDIS_URL each has its own in-memory pub/sub, so an
 * admin's `orderUpdated` subscription on an instance sees exactly the status changes that instance
 * made: that is how the test tells which instance decided which order, without touching src/.
 */
describe("two API processes on one database draining one backlog", () => {
  let stack: ProcessStack | undefined;
  let db: mongo.Db;
  const processes: ApiProcess[] = [];
  const sockets: Client[] = [];
  /** Per instance: order id → the statuses its subscription announced. */
  const seen: Record<Instance, Map<string, string[]>> = { A: new Map(), B: new Map() };
  const subscriptionErrors: string[] = [];
  let sampler: InvariantSampler | undefined;
  let total = 0;

  beforeAll(async () => {
    stack = await startProcessStack("multi");
    db = stack.db;
    const env = {
      ...stack.env,
      SCHEDULER_CONCURRENCY: "4",
    };
    const urls = {} as Record<Instance, string>;
    await Promise.all(
      INSTANCES.map(async (name) => {
        const api = spawnApi(env);
        processes.push(api);
        urls[name] = (await api.waitFor(RUNNING, 60_000))[1]!;
      }),
    );

    // Seed through A.
    const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { token } }`;
    const admin = (
      await mustAt<{ login: { token: string } }>(urls.A, LOGIN, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
    ).login.token;
    for (let i = 0; i < PRODUCTS; i++) {
      await mustAt(
        urls.A,
        `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
        { input: { name: `Shared ${i}`, priceCents: randomInt(1, 10) * 100, stock: randomInt(50, 150) } },
        admin,
      );
    }
    const customers: string[] = [];
    for (let batch = 0; batch < CUSTOMERS; batch += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, CUSTOMERS - batch) }, async (_, j) => {
          const i = batch + j;
          const { createCustomer } = await mustAt<{ createCustomer: { id: string } }>(
            urls.A,
            `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
            {
              input: {
                name: `Shared customer ${i}`,
                email: uniqueEmail("multi"),
                password: PASSWORD,
                tier: i % 4 === 0 ? "PREMIUM" : "STANDARD",
                budgetCents: [10_000, 40_000, 150_000][i % 3],
              },
            },
            admin,
          );
          customers[i] = createCustomer.id;
        }),
      );
    }

    // An admin subscription on each instance.
    for (const name of INSTANCES) {
      const socket = createClient({
        url: `${urls[name].replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${admin}` },
      });
      sockets.push(socket);
      socket.subscribe<{ orderUpdated: { id: string; status: string } }>(
        { query: "subscription { orderUpdated { id status } }" },
        {
          next: ({ data, errors }) => {
            if (errors !== undefined || !data) subscriptionErrors.push(`${name}: ${JSON.stringify(errors)}`);
            else {
              const { id, status } = data.orderUpdated;
              seen[name].set(id, [...(seen[name].get(id) ?? []), status]);
            }
          },
          error: (error) => subscriptionErrors.push(`${name}: ${String(error)}`),
          complete: () => undefined,
        },
      );
    }
    // One order placed on each instance proves its subscription is live before the backlog comes.
    for (const name of INSTANCES) {
      const { placeOrder } = await mustAt<{ placeOrder: { id: string } }>(
        urls[name],
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        {
          input: {
            customerId: customers[0],
            items: [{ productId: (await db.collection("products").findOne())!["_id"].toHexString(), quantity: 1 }],
          },
        },
        admin,
      );
      const deadline = Date.now() + 10_000;
      while (!seen[name].has(placeOrder.id)) {
        if (Date.now() > deadline) throw new Error(`instance ${name}'s subscription never announced ${placeOrder.id}`);
        await sleep(20);
      }
    }

    // The backlog, generated on A: A hears of it at once, B by its poll.
    const started = Date.now();
    const { generateRandomOrders } = await mustAt<{ generateRandomOrders: number }>(
      urls.A,
      `mutation($n: Int!) { generateRandomOrders(count: $n) }`,
      { n: RANDOM_ORDERS },
      admin,
    );
    expect(generateRandomOrders).toBe(RANDOM_ORDERS);
    total = RANDOM_ORDERS + INSTANCES.length;
    // Samples back to back: the two instances drain the backlog in about 4 s here, a check takes
    // a few hundred ms, and a sample every 500 ms left as few as four samples of the drain.
    sampler = new InvariantSampler(db, 0);
    try {
      await waitForDrain(db, DRAIN_TIMEOUT_MS);
    } finally {
      await sampler.stop();
    }
    const drainedMs = Date.now() - started;
    await sleep(500); // the last announcements on their way over the sockets

    const decided = (name: Instance) =>
      [...seen[name].values()].filter((s) => s.includes("APPROVED") || s.includes("REJECTED")).length;
    const counts = await statusCounts(db);
    console.log(
      `multi-instance: ${total} orders drained by two processes in ${drainedMs} ms ` +
        `(${((total * 1000) / drainedMs).toFixed(0)} orders/s); decided by A ${decided("A")}, by B ${decided("B")}; ` +
        `approved ${counts["APPROVED"] ?? 0}, rejected ${counts["REJECTED"] ?? 0}; invariant samples ${sampler?.samples}`,
    );
  }, 180_000);

  afterAll(async () => {
    await sampler?.stop();
    await Promise.all(sockets.map(async (s) => s.dispose()));
    for (const api of processes) {
      if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill("SIGTERM");
    }
    // Graceful first (they finish what is in flight); killed if that takes more than 15 s.
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      Promise.all(processes.map((api) => api.exited)).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 15_000))),
    ]);
    clearTimeout(timer);
    if (!stopped) for (const api of processes) api.child.kill("SIGKILL");
    await Promise.all(processes.map((api) => api.exited));
    await stack?.stop();
  });

  it("ran two instances on the one database", async () => {
    const started = await db
      .collection("logs")
      .countDocuments({ type: "SYSTEM", message: /^API instance started at / });
    expect(started).toBe(2);
    expect(processes.every((p) => p.child.exitCode === null)).toBe(true);
  });

  it("keeps every invariant in every sample taken while the two instances worked", () => {
    expect(sampler?.samples).toBeGreaterThanOrEqual(5);
    expect(sampler?.violations).toEqual([]);
  });

  it("holds every invariant once the backlog has drained", async () => {
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
  });

  it("leaves every order APPROVED or REJECTED", async () => {
    const counts = await statusCounts(db);
    expect((counts["APPROVED"] ?? 0) + (counts["REJECTED"] ?? 0)).toBe(total);
    expect(await db.collection("orders").countDocuments()).toBe(total);
  });

  it("processes each order exactly once: one approved or rejected ORDER log entry per order", async () => {
    expect(await decisionMismatches(db)).toEqual([]);
  });

  it("shares the work: both instances decided orders, and no order was decided by both", async () => {
    expect(subscriptionErrors).toEqual([]);
    const orders = await db
      .collection("orders")
      .find({}, { projection: { status: 1 } })
      .toArray();
    const byInstance: Record<Instance, number> = { A: 0, B: 0 };
    const wrong: string[] = [];
    for (const order of orders) {
      const id = String(order["_id"]);
      const deciders = INSTANCES.filter((name) => (seen[name].get(id) ?? []).includes(order["status"] as string));
      if (deciders.length !== 1)
        wrong.push(`order ${id} (${String(order["status"])}) decided by [${deciders.join(", ")}]`);
      for (const name of deciders) byInstance[name] += 1;
    }
    expect(wrong).toEqual([]);
    expect(byInstance.A + byInstance.B).toBe(total);
    // Both did a real share, not one stray order.
    expect(byInstance.A).toBeGreaterThan(total / 20);
    expect(byInstance.B).toBeGreaterThan(total / 20);
  });
});

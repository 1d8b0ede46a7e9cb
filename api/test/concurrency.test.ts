import mongoose, { type mongo } from "mongoose";
import { Role } from "../src/modules/users/role";
import { ADMIN_ENV, loginAdmin, must, PASSWORD, uniqueEmail } from "./helpers/accounts";
import { checkInvariants, statusCounts, type Violation } from "./helpers/invariants";
import { DASHBOARD, dashboardAndRecount, type DashboardData } from "./helpers/dashboard";
import { createProduct } from "./helpers/shop";
import { startTestApp, type GraphQLResponse, type TestApp } from "./helpers/test-app";

const CUSTOMERS = 200;
const PRODUCTS = 20;
const ORDERS = 2_000;
const PLACING_IN_FLIGHT = 50;
const SAMPLE_EVERY_MS = 500;
const DRAIN_TIMEOUT_MS = 120_000;

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
const ADJUST = `mutation($p: ID!, $d: Int!) { adjustStock(productId: $p, delta: $d) { stock } }`;
const SET = `mutation($p: ID!, $s: Int!) { setStock(productId: $p, stock: $s) { stock } }`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Runs `work` over every item with at most `limit` calls in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Negative stock or budget, read straight from the database. */
async function negatives(db: mongo.Db): Promise<Violation[]> {
  const [products, users] = await Promise.all([
    db
      .collection("products")
      .find({ stock: { $lt: 0 } })
      .toArray(),
    db
      .collection("users")
      .find({ budgetCents: { $lt: 0 } })
      .toArray(),
  ]);
  return [
    ...products.map((p) => `product ${String(p["_id"])} has stock ${String(p["stock"])}`),
    ...users.map((u) => `user ${String(u["_id"])} has budget ${String(u["budgetCents"])}`),
  ];
}

/** The ORDER log's decisions and placements, per order id. */
async function orderLogEntries(db: mongo.Db) {
  const entries = await db.collection("logs").find({ type: "ORDER" }).toArray();
  const byOrder = new Map<string, { placed: number; approved: number; rejected: number }>();
  for (const entry of entries) {
    const match = /^Order [0-9a-f]{24} (placed|approved|rejected)\b/.exec(entry["message"] as string);
    if (match === null) continue;
    const id = String(entry["orderId"]);
    const counts = byOrder.get(id) ?? { placed: 0, approved: 0, rejected: 0 };
    counts[match[1] as "placed" | "approved" | "rejected"] += 1;
    byOrder.set(id, counts);
  }
  return byOrder;
}

describe("2,000 orders from 200 customers over 20 scarce products, placed concurrently while an admin changes stock", () => {
  let api: TestApp;
  let db: mongo.Db;
  const placedIds: string[] = [];
  const placementErrors: string[] = [];
  const unexpectedAdminErrors: string[] = [];
  const sampledViolations: Violation[] = [];
  let samples = 0;
  let adminCalls = 0;
  let adminRefused = 0;
  /** Tells the admin loops and the sampler to stop. */
  let stopping = false;

  beforeAll(async () => {
    api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_CONCURRENCY: "8" } });
    db = mongoose.connection.db!;
    const admin = (await loginAdmin(api)).token;

    // 20 products, 1,500 units in all (2,000 orders ask for about 8,000): stock runs out.
    const products: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      products.push(
        await createProduct(api, admin, {
          name: `Scarce ${i}`,
          priceCents: randomInt(1, 15) * 100,
          stock: randomInt(30, 120),
        }),
      );
    }
    // 200 customers, a quarter PREMIUM, budgets from 20 to 1,000 dollars: many run out.
    const budgets = [2_000, 5_000, 15_000, 40_000, 100_000];
    const customers: Array<{ id: string; token: string }> = [];
    const setUpStarted = Date.now();
    await inParallel(
      Array.from({ length: CUSTOMERS }, (_, i) => i),
      10,
      async (i) => {
        const { createCustomer } = await must<{ createCustomer: { id: string } }>(
          api,
          `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
          {
            input: {
              name: `Customer ${i}`,
              email: uniqueEmail("concurrency"),
              password: PASSWORD,
              tier: i % 4 === 0 ? "PREMIUM" : "STANDARD",
              budgetCents: budgets[i % budgets.length],
            },
          },
          admin,
        );
        // The customer's own token, as login would issue it (without 200 more argon2 verifications).
        const token = api.app.tokens.sign({ userId: createCustomer.id, role: Role.CUSTOMER, version: 0 });
        customers[i] = { id: createCustomer.id, token };
      },
    );
    const setUpMs = Date.now() - setUpStarted;

    // 10 orders per customer, shuffled, 1–3 distinct products, 1–3 units each.
    const orders = Array.from({ length: ORDERS }, (_, i) => {
      const customer = customers[i % CUSTOMERS];
      const chosen = new Set<string>();
      const lines = randomInt(1, 3);
      while (chosen.size < lines) chosen.add(products[randomInt(0, PRODUCTS - 1)]);
      return {
        token: customer.token,
        items: [...chosen].map((productId) => ({ productId, quantity: randomInt(1, 3) })),
      };
    }).sort(() => Math.random() - 0.5);

    let placing = true;
    const adminLoop = async () => {
      while (!stopping) {
        const productId = products[randomInt(0, PRODUCTS - 1)];
        const roll = Math.random();
        const response: GraphQLResponse =
          roll < 0.4
            ? await api.graphql(ADJUST, { p: productId, d: randomInt(1, 8) }, admin)
            : roll < 0.8
              ? await api.graphql(ADJUST, { p: productId, d: -randomInt(1, 8) }, admin)
              : await api.graphql(SET, { p: productId, s: randomInt(0, 40) }, admin);
        adminCalls += 1;
        const code = response.errors?.[0]?.extensions?.code;
        if (code === "INSUFFICIENT_STOCK" || code === "CONFLICT") adminRefused += 1;
        else if (response.errors !== undefined) unexpectedAdminErrors.push(JSON.stringify(response.errors));
        await sleep(placing ? 5 : 50);
      }
    };
    // Nothing ships in this test, so each sample's per-product and per-customer equations read one
    // document each and are exact even while orders move.
    const sampler = async () => {
      while (!stopping) {
        const violations = [...(await checkInvariants(db, { drained: false })), ...(await negatives(db))];
        sampledViolations.push(...violations.map((v) => `sample ${samples}: ${v}`));
        samples += 1;
        await sleep(SAMPLE_EVERY_MS);
      }
    };
    const background = Promise.all(
      [adminLoop(), adminLoop(), sampler()].map((loop) =>
        loop.catch((error: unknown) => unexpectedAdminErrors.push(`background loop failed: ${String(error)}`)),
      ),
    );

    const started = Date.now();
    let placedMs: number;
    let drainedMs: number;
    try {
      await inParallel(orders, PLACING_IN_FLIGHT, async ({ token, items }) => {
        const response = await api.graphql<{ placeOrder: { id: string; status: string } }>(
          PLACE,
          { input: { items } },
          token,
        );
        if (response.errors !== undefined || !response.data) placementErrors.push(JSON.stringify(response.errors));
        else placedIds.push(response.data.placeOrder.id);
      });
      placing = false;
      placedMs = Date.now() - started;

      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        const open = await db.collection("orders").countDocuments({ status: { $in: ["PENDING", "PROCESSING"] } });
        if (open === 0) break;
        if (Date.now() > deadline) throw new Error(`${open} orders still open after ${DRAIN_TIMEOUT_MS} ms`);
        await sleep(100);
      }
      drainedMs = Date.now() - started;
    } finally {
      stopping = true;
      await background;
    }

    const counts = await statusCounts(db);
    const rejected = await db
      .collection("orders")
      .find({ status: "REJECTED" }, { projection: { reason: 1 } })
      .toArray();
    const forStock = rejected.filter((o) => /^Not enough stock/.test(String(o["reason"]))).length;
    const forBudget = rejected.filter((o) => /^Insufficient budget/.test(String(o["reason"]))).length;
    console.log(
      `concurrency: ${CUSTOMERS} customers in ${setUpMs} ms; ${ORDERS} orders placed in ${placedMs} ms ` +
        `(${((ORDERS * 1000) / placedMs).toFixed(0)} orders/s), all decided after ${drainedMs} ms ` +
        `(${((ORDERS * 1000) / drainedMs).toFixed(0)} orders/s end to end); approved ${counts["APPROVED"] ?? 0}, ` +
        `rejected ${counts["REJECTED"] ?? 0} (stock ${forStock}, budget ${forBudget}); ` +
        `admin stock calls ${adminCalls} (${adminRefused} refused); invariant samples ${samples}`,
    );
  }, 180_000);

  afterAll(async () => {
    stopping = true;
    await api?.stop();
  });

  it("keeps every invariant, and no stock or budget below zero, in every sample taken during the run", () => {
    expect(samples).toBeGreaterThanOrEqual(5);
    expect(sampledViolations).toEqual([]);
  });

  it("holds every invariant exactly once the queue has drained", async () => {
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
    expect(await negatives(db)).toEqual([]);
  });

  it("accepted every placement and every admin call answered as documented", () => {
    expect(placementErrors).toEqual([]);
    expect(unexpectedAdminErrors).toEqual([]);
    expect(adminCalls).toBeGreaterThan(0);
  });

  it("loses and duplicates no order: 2,000 placed, the same 2,000 stored", async () => {
    expect(placedIds).toHaveLength(ORDERS);
    expect(new Set(placedIds).size).toBe(ORDERS);
    const stored = await db
      .collection("orders")
      .find({}, { projection: { _id: 1 } })
      .toArray();
    expect(stored).toHaveLength(ORDERS);
    expect(new Set(stored.map((o) => String(o["_id"])))).toEqual(new Set(placedIds));
  });

  it("leaves every order in exactly one final state, APPROVED or REJECTED, and every rejection with a reason", async () => {
    const counts = await statusCounts(db);
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(["APPROVED", "REJECTED"]));
    expect((counts["APPROVED"] ?? 0) + (counts["REJECTED"] ?? 0)).toBe(ORDERS);
    const orders = await db.collection("orders").find().toArray();
    const wrong = orders.filter(
      (o) =>
        !["APPROVED", "REJECTED"].includes(o["status"] as string) ||
        o["outcome"] !== o["status"] ||
        o["claim"] !== null ||
        (o["status"] === "REJECTED" && !(typeof o["reason"] === "string" && o["reason"].length > 0)) ||
        (o["status"] === "APPROVED" && typeof o["committedClaimId"] !== "string"),
    );
    expect(
      wrong.map((o) => ({ id: String(o["_id"]), status: o["status"] as unknown, reason: o["reason"] as unknown })),
    ).toEqual([]);
  });

  it("processes each order exactly once: one placement and one decision per order in the ORDER log", async () => {
    const logged = await orderLogEntries(db);
    const statuses = new Map(
      (
        await db
          .collection("orders")
          .find({}, { projection: { status: 1 } })
          .toArray()
      ).map((o) => [String(o["_id"]), o["status"] as string]),
    );
    const wrong: string[] = [];
    for (const [id, status] of statuses) {
      const counts = logged.get(id) ?? { placed: 0, approved: 0, rejected: 0 };
      const expected = { placed: 1, approved: status === "APPROVED" ? 1 : 0, rejected: status === "REJECTED" ? 1 : 0 };
      if (JSON.stringify(counts) !== JSON.stringify(expected))
        wrong.push(`order ${id} (${status}): ${JSON.stringify(counts)}`);
    }
    expect(wrong).toEqual([]);
    expect([...logged.keys()].filter((id) => !statuses.has(id))).toEqual([]);
  });

  it("keeps the dashboard's counters equal to a recount, through concurrent cancellations and fulfilment", async () => {
    const admin = (await loginAdmin(api)).token;
    const approved = await db
      .collection("orders")
      .find({ status: "APPROVED" }, { projection: { _id: 1 } })
      .toArray();
    const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id, reason: "counted") { id } }`;
    const FULFIL = `mutation ($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { id } }`;
    await inParallel(approved.slice(0, 300), 16, async ({ _id }, i) => {
      const id = _id.toHexString();
      if (i % 3 === 0) await must(api, CANCEL, { id }, admin);
      else await must(api, FULFIL, { id, s: "SHIPPED" }, admin);
      if (i % 3 === 1) await must(api, FULFIL, { id, s: "DELIVERED" }, admin);
    });
    const { counted, recounted } = await dashboardAndRecount(
      async () => (await must<DashboardData>(api, DASHBOARD, {}, admin)).dashboard,
    );
    expect(counted).toEqual(recounted);
    expect(counted.orderCount).toBe(ORDERS);
  });
});

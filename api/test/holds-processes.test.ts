import { mongo } from "mongoose";
import { spawnApi, type ApiProcess } from "../tools/cluster/api-process";
import {
  ADMIN_EMAIL,
  ADMIN_ENV,
  ADMIN_PASSWORD,
  createCustomer,
  loginAdmin,
  PASSWORD,
  uniqueEmail,
} from "./helpers/accounts";
import { mustAt, startProcessStack, type ProcessStack } from "./helpers/api-process";
import { checkInvariants, decisionMismatches, waitForDrain } from "./helpers/invariants";
import { createProduct, placeOrder } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

const RUNNING = /OrderFlow is running at (http:\/\/\S+)/;
const LEASE_MS = 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("an API process stopped (SIGSTOP) past its lease while it holds a claim, then continued", () => {
  let stack: ProcessStack | undefined;
  const processes: ApiProcess[] = [];

  afterAll(async () => {
    for (const api of processes) {
      if (api.child.exitCode === null && api.child.signalCode === null) {
        api.child.kill("SIGCONT");
        api.child.kill("SIGTERM");
      }
    }
    const killer = setTimeout(() => processes.forEach((api) => api.child.kill("SIGKILL")), 15_000);
    await Promise.all(processes.map((api) => api.exited));
    clearTimeout(killer);
    await stack?.stop();
  });

  it("sells the unit once and charges the money once; the invariants hold", async () => {
    stack = await startProcessStack("sigstop");
    const { db } = stack;
    const env = { ...stack.env, SCHEDULER_LEASE_MS: String(LEASE_MS) };
    // A waits between claim and holds, long enough to be stopped there.
    const a = spawnApi({ ...env, SCHEDULER_DELAY_MS: "4000" });
    processes.push(a);
    const [, urlA] = await a.waitFor(RUNNING, 60_000);
    const admin = (
      await mustAt<{ login: { token: string } }>(urlA, `mutation($i: LoginInput!) { login(input: $i) { token } }`, {
        i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      })
    ).login.token;
    const { createProduct: product } = await mustAt<{ createProduct: { id: string } }>(
      urlA,
      `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
      { input: { name: "The last unit", priceCents: 100, stock: 1 } },
      admin,
    );
    const { createCustomer: customer } = await mustAt<{ createCustomer: { id: string } }>(
      urlA,
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      { input: { name: "Buyer", email: uniqueEmail("sigstop"), password: PASSWORD, budgetCents: 1000 } },
      admin,
    );
    const { placeOrder: order } = await mustAt<{ placeOrder: { id: string } }>(
      urlA,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      { input: { customerId: customer.id, items: [{ productId: product.id, quantity: 1 }] } },
      admin,
    );
    const orderId = new mongo.ObjectId(order.id);
    await until("A to claim the order", 10_000, () =>
      db.collection("orders").findOne({ _id: orderId, status: "PROCESSING" }),
    );

    a.child.kill("SIGSTOP");
    await sleep(LEASE_MS * 2); // A's lease runs out while it is stopped
    const b = spawnApi({ ...env, SCHEDULER_DELAY_MS: "0" });
    processes.push(b);
    await b.waitFor(RUNNING, 60_000);
    await until("B to approve the order", 20_000, () =>
      db.collection("orders").findOne({ _id: orderId, status: "APPROVED" }),
    );

    a.child.kill("SIGCONT"); // A resumes where it stopped, with a claim that is no longer its own
    await until("A to answer again", 20_000, async () => {
      const response = await fetch(`${urlA}/healthz`).catch(() => null);
      return response?.ok === true ? true : null;
    });
    await sleep(LEASE_MS * 3); // A's worker and its renewals run; recovery passes on both
    await waitForDrain(db, 20_000);

    const productDoc = await db.collection("products").findOne({ _id: new mongo.ObjectId(product.id) });
    const customerDoc = await db.collection("users").findOne({ _id: new mongo.ObjectId(customer.id) });
    expect(await db.collection("orders").findOne({ _id: orderId })).toMatchObject({ status: "APPROVED" });
    expect(productDoc).toMatchObject({ stock: 0, receivedTotal: 1, holds: [] });
    expect(customerDoc).toMatchObject({ budgetCents: 900, totalSpentCents: 100, holds: [] });
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
    expect(await decisionMismatches(db)).toEqual([]);
    expect(a.child.exitCode).toBeNull(); // A kept running throughout
  }, 120_000);
});

describe("the last-unit race: one customer cannot pay, the other can (finding 2)", () => {
  const PAIRS = 48;
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_CONCURRENCY: "4" } });
  });

  afterAll(async () => {
    await api.stop();
  });

  it("never rejects the one who can pay while the other's hold is on its way back", async () => {
    const admin = (await loginAdmin(api)).token;
    const poor = await createCustomer(api, admin, { budgetCents: 100 });
    const rich = await createCustomer(api, admin, { budgetCents: PAIRS * 500 });
    const products = await Promise.all(
      Array.from({ length: PAIRS }, () => createProduct(api, admin, { priceCents: 500, stock: 1 })),
    );
    const richOrders = await Promise.all(
      products.map(async (productId) => {
        const [, order] = await Promise.all([
          placeOrder(api, poor.token, [{ productId, quantity: 1 }]),
          placeOrder(api, rich.token, [{ productId, quantity: 1 }]),
        ]);
        return order.id;
      }),
    );
    const db = (await import("mongoose")).default.connection.db!;
    await waitForDrain(db, 60_000);
    const decided = await db
      .collection("orders")
      .find({ _id: { $in: richOrders.map((id) => new mongo.ObjectId(id)) } })
      .toArray();
    const rejected = decided.filter((o) => o["status"] !== "APPROVED").map((o) => String(o["reason"]));
    console.log(`last-unit race: ${PAIRS - rejected.length} of ${PAIRS} paying customers' orders approved`);
    expect(rejected).toEqual([]);
    expect(await db.collection("products").countDocuments({ stock: { $ne: 0 } })).toBe(0);
    await api.app.recover();
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
  }, 120_000);
});

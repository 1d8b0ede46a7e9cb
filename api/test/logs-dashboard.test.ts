import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, LOGIN, loginAdmin, must } from "./helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { listen, settle, until } from "./helpers/live";
import { startTestApp, type TestApp } from "./helpers/test-app";

describe("event log and dashboard", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  describe("logs", () => {
    it("lists entries newest first, filtered by type and level, with their actor, and pages", async () => {
      const customer = await createCustomer(api, admin);
      await api.graphql(LOGIN, { input: { email: customer.email, password: "wrong password entirely" } });
      const { logs } = await must<{
        logs: {
          totalCount: number;
          nodes: Array<{ type: string; level: string; message: string; at: string; actor: { id: string } | null }>;
        };
      }>(
        api,
        `{ logs(filter: { types: [AUTH], levels: [WARN] }, first: 5) { totalCount nodes { type level message at actor { id } } } }`,
        {},
        admin,
      );
      expect(logs.nodes[0]).toMatchObject({
        type: "AUTH",
        level: "WARN",
        message: expect.stringContaining("Failed login") as string,
      });
      expect(logs.nodes.every((n) => n.type === "AUTH" && n.level === "WARN")).toBe(true);

      const users = await must<{ logs: { nodes: Array<{ message: string; actor: { id: string } | null }> } }>(
        api,
        `{ logs(filter: { types: [USER] }) { nodes { message actor { id } } } }`,
        {},
        admin,
      );
      expect(users.logs.nodes.find((n) => n.message.includes(customer.email))?.actor).not.toBeNull();

      const all = await must<{ logs: { nodes: Array<{ at: string }>; pageInfo: { endCursor: string } } }>(
        api,
        `{ logs(first: 3) { nodes { at } pageInfo { endCursor } } }`,
        {},
        admin,
      );
      const times = all.logs.nodes.map((n) => Date.parse(n.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const next = await must<{ logs: { nodes: Array<{ at: string }> } }>(
        api,
        `query($a: String) { logs(first: 3, after: $a) { nodes { at } } }`,
        { a: all.logs.pageInfo.endCursor },
        admin,
      );
      expect(Date.parse(next.logs.nodes[0].at)).toBeLessThanOrEqual(times[2]);
    });

    it("is for admins only", async () => {
      const customer = await createCustomer(api, admin);
      expect((await api.graphql("{ logs { totalCount } }", {}, customer.token)).errors?.[0]?.extensions?.code).toBe(
        "FORBIDDEN",
      );
      expect(
        (await api.graphql("{ dashboard { orderCount } }", {}, customer.token)).errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
    });

    it("feeds new entries live to admins, filtered by type", async () => {
      const feed = listen<{ type: string; message: string }>(
        api.wsClient(admin),
        "subscription { logAdded(types: [PRODUCT]) { type message } }",
      );
      await settle();
      await createProduct(api, admin, { name: "Live Lamp", priceCents: 100, stock: 1 });
      await createCustomer(api, admin); // a USER entry: filtered out
      await until(() => feed.events.length > 0);
      await settle();
      expect(feed.events).toEqual([{ type: "PRODUCT", message: expect.stringContaining("Live Lamp") as string }]);
      feed.stop();
    });

    it("refuses the live feed to customers", async () => {
      const customer = await createCustomer(api, admin);
      const feed = listen(api.wsClient(customer.token), "subscription { logAdded { id } }");
      await until(() => feed.errors.length > 0);
      expect(JSON.stringify(feed.errors)).toContain("FORBIDDEN");
    });
  });

  describe("dashboard", () => {
    it("counts customers, products, orders by status and revenue, with throughput per minute", async () => {
      const product = await createProduct(api, admin, { priceCents: 1_000, stock: 10 });
      const customer = await createCustomer(api, admin, { tier: "PREMIUM", budgetCents: 5_000 });
      const approved = await placeOrder(api, customer.token, [{ productId: product, quantity: 2 }]);
      const rejected = await placeOrder(api, customer.token, [{ productId: product, quantity: 50 }]);
      await waitForDecision(api, customer.token, approved.id);
      await waitForDecision(api, customer.token, rejected.id);
      // Decisions reach the counters a moment after the orders (their effects follow in groups).
      const read = () =>
        must<{
          dashboard: {
            customerCount: number;
            premiumCustomerCount: number;
            productCount: number;
            orderCount: number;
            revenueCents: number;
            ordersByStatus: Array<{ status: string; count: number }>;
            throughput: Array<{ minute: string; approved: number; rejected: number }>;
            scheduler: {
              queued: number;
              processedTotal: number;
              approvedTotal: number;
              rejectedTotal: number;
              concurrency: number;
              meanWaitMsPremium: number | null;
            };
          };
        }>(
          api,
          `{ dashboard { customerCount premiumCustomerCount productCount orderCount revenueCents ordersByStatus { status count }
           throughput { minute approved rejected } scheduler { queued processedTotal approvedTotal rejectedTotal concurrency meanWaitMsPremium } } }`,
          {},
          admin,
        );
      let { dashboard } = await read();
      for (let waited = 0; decidedInLastMinute(dashboard) < 2 && waited < 5_000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        ({ dashboard } = await read());
      }
      const db = mongoose.connection.db!;
      expect(dashboard.orderCount).toBe(await db.collection("orders").countDocuments());
      expect(dashboard.customerCount).toBe(
        await db.collection("users").countDocuments({ role: "CUSTOMER", deletedAt: null }),
      );
      expect(dashboard.premiumCustomerCount).toBeGreaterThanOrEqual(1);
      expect(dashboard.ordersByStatus.find((s) => s.status === "APPROVED")?.count).toBeGreaterThanOrEqual(1);
      expect(dashboard.ordersByStatus).toHaveLength(7);
      const approvedSum = (
        await db
          .collection("orders")
          .find({ status: { $in: ["APPROVED", "SHIPPED", "DELIVERED"] } })
          .toArray()
      ).reduce((sum, o) => sum + (o["totalCents"] as number), 0);
      expect(dashboard.revenueCents).toBe(approvedSum);
      expect(dashboard.throughput).toHaveLength(60);
      expect(decidedInLastMinute(dashboard)).toBeGreaterThanOrEqual(2);
      expect(dashboard.scheduler).toMatchObject({ queued: 0, concurrency: 4 });
      expect(dashboard.scheduler.processedTotal).toBe(
        dashboard.scheduler.approvedTotal + dashboard.scheduler.rejectedTotal,
      );
      expect(dashboard.scheduler.meanWaitMsPremium).toEqual(expect.any(Number));
    });

    it("sends live updates at most once per second while things change, and none while idle", async () => {
      const feed = listen<{ orderCount: number }>(
        api.wsClient(admin),
        "subscription { dashboardUpdated { orderCount } }",
      );
      await settle(1200);
      const idle = feed.events.length;
      const product = await createProduct(api, admin, { priceCents: 1, stock: 1000 });
      const customer = await createCustomer(api, admin, { budgetCents: 100_000 });
      const started = Date.now();
      for (let i = 0; i < 30; i++) await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
      await settle(1500);
      const elapsed = Date.now() - started;
      const received = feed.events.length - idle;
      expect(received).toBeGreaterThanOrEqual(1);
      expect(received).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
      const afterBurst = feed.events.length;
      await settle(2200);
      expect(feed.events.length).toBe(afterBurst);
      feed.stop();
    });
  });
});

function decidedInLastMinute(dashboard: { throughput: Array<{ approved: number; rejected: number }> }): number {
  const last = dashboard.throughput.at(-1);
  return last === undefined ? 0 : last.approved + last.rejected;
}

import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { listen, until } from "./helpers/live";
import { createProduct, placeOrder } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Standing {
  orderId: string;
  queuePosition: number;
  estimatedDecisionAt: string | null;
}

const ORDERS = `{ orders(first: 50) { nodes { id status queuePosition estimatedDecisionAt } } }`;

describe("queue position and estimated decision time", () => {
  describe("with the scheduler off: a known queue", () => {
    let api: TestApp;
    let admin: string;
    let product: string;

    beforeAll(async () => {
      api = await startTestApp({ env: ADMIN_ENV, scheduler: { enabled: false } });
      admin = (await loginAdmin(api)).token;
      product = await createProduct(api, admin, { priceCents: 100, stock: 1000 });
    });
    afterAll(async () => {
      await api.stop();
    });

    it("gives exact positions in the scheduler's order (premium first, then older), live as the queue moves", async () => {
      const standard = await createCustomer(api, admin, { budgetCents: 100_000 });
      const premium = await createCustomer(api, admin, { budgetCents: 100_000, tier: "PREMIUM" });
      const line = [{ productId: product, quantity: 1 }];
      // Placed within seconds: a premium order (base 15) stays ahead of standard ones (base 10)
      // placed up to 10 s before it (aging 0.5 a second).
      const s1 = await placeOrder(api, standard.token, line);
      const s2 = await placeOrder(api, standard.token, line);
      const p1 = await placeOrder(api, premium.token, line);
      const s3 = await placeOrder(api, standard.token, line);
      const p2 = await placeOrder(api, premium.token, line);
      const expected = [p1, p2, s1, s2, s3].map((order, index) => [order.id, index + 1]);

      const { orders } = await must<{ orders: { nodes: Array<{ id: string; queuePosition: number | null }> } }>(
        api,
        ORDERS,
        {},
        admin,
      );
      const positions = new Map(orders.nodes.map((o) => [o.id, o.queuePosition]));
      expect(expected.map(([id]) => [id, positions.get(id as string)])).toEqual(expected);

      // The customer sees the same global positions on their own orders, and live.
      const feed = listen<Standing[]>(
        api.wsClient(standard.token),
        "subscription { queueUpdated { orderId queuePosition estimatedDecisionAt } }",
      );
      await until(() => feed.events.length > 0);
      expect(feed.events[0].map((s) => [s.orderId, s.queuePosition])).toEqual([
        [s1.id, 3],
        [s2.id, 4],
        [s3.id, 5],
      ]);
      expect(feed.events[0].every((s) => s.estimatedDecisionAt === null)).toBe(true); // nothing decided yet

      await must(api, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: p1.id }, premium.token);
      await until(() => feed.events.length > 1, 5_000);
      expect(feed.events.at(-1)!.map((s) => [s.orderId, s.queuePosition])).toEqual([
        [s1.id, 2],
        [s2.id, 3],
        [s3.id, 4],
      ]);
      expect(feed.errors).toEqual([]);
      feed.stop();

      const after = await must<{
        orders: { nodes: Array<{ id: string; status: string; queuePosition: number | null }> };
      }>(api, ORDERS, {}, admin);
      expect(after.orders.nodes.find((o) => o.id === p1.id)).toMatchObject({
        status: "CANCELLED",
        queuePosition: null,
      });
    });
  });

  describe("with the scheduler deciding at a steady rate", () => {
    let api: TestApp;

    beforeAll(async () => {
      api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_CONCURRENCY: "1", SCHEDULER_DELAY_MS: "250" } });
    });
    afterAll(async () => {
      await api.stop();
    });

    it("estimates when each waiting order is decided, from its position and the recent rate", async () => {
      const admin = (await loginAdmin(api)).token;
      const product = await createProduct(api, admin, { priceCents: 100, stock: 10_000 });
      const customer = await createCustomer(api, admin, { budgetCents: 1_000_000 });
      const line = [{ productId: product, quantity: 1 }];
      const feed = listen<{ id: string; status: string; updatedAt: string }>(
        api.wsClient(customer.token),
        "subscription { orderUpdated { id status updatedAt } }",
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription registered
      for (let i = 0; i < 16; i++) await placeOrder(api, customer.token, line);
      // Let a few decisions give the rate, then read the estimates of the orders still waiting.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const { orders } = await must<{
        orders: { nodes: Array<{ id: string; status: string; estimatedDecisionAt: string | null }> };
      }>(api, ORDERS, {}, customer.token);
      const estimates = new Map(
        orders.nodes
          .filter((o) => o.status === "PENDING" && o.estimatedDecisionAt !== null)
          .map((o) => [o.id, Date.parse(o.estimatedDecisionAt!)]),
      );
      expect(estimates.size).toBeGreaterThanOrEqual(5);

      const decidedAt = new Map<string, number>();
      const collect = () => {
        for (const event of feed.events)
          if (event.status === "APPROVED" || event.status === "REJECTED")
            decidedAt.set(event.id, Date.parse(event.updatedAt));
        return [...estimates.keys()].every((id) => decidedAt.has(id));
      };
      await until(collect, 30_000);
      feed.stop();
      const errors = [...estimates].map(([id, estimate]) => (decidedAt.get(id)! - estimate) / 1000);
      const worst = Math.max(...errors.map(Math.abs));
      console.log(
        `queue estimates: ${estimates.size} orders, errors (s) ${errors.map((e) => e.toFixed(2)).join(", ")}`,
      );
      // Stated error: within 3 s of the real decision, at about 3 decisions a second here.
      expect(worst).toBeLessThanOrEqual(3);
    });
  });
});

import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { listen, settle, until } from "./helpers/live";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Event {
  id: string;
  status: string;
  customer: { id: string };
}

const ORDER_UPDATED = `subscription($orderId: ID) { orderUpdated(orderId: $orderId) { id status customer { id } } }`;

describe("subscriptions over a real graphql-ws socket", () => {
  let api: TestApp;
  let admin: string;
  let product: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_DELAY_MS: "50" } });
    admin = (await loginAdmin(api)).token;
    product = await createProduct(api, admin, { priceCents: 100, stock: 1000 });
  });
  afterAll(async () => {
    await api.stop();
  });

  describe("orderUpdated", () => {
    it("shows a customer PENDING → PROCESSING → APPROVED of their own order, and nothing of another's", async () => {
      const alice = await createCustomer(api, admin, { budgetCents: 10_000 });
      const bob = await createCustomer(api, admin, { budgetCents: 10_000 });
      const feed = listen<Event>(api.wsClient(alice.token), ORDER_UPDATED);
      await settle();

      const bobs = await placeOrder(api, bob.token, [{ productId: product, quantity: 1 }]);
      const alices = await placeOrder(api, alice.token, [{ productId: product, quantity: 1 }]);
      await waitForDecision(api, bob.token, bobs.id);
      await waitForDecision(api, alice.token, alices.id);
      await until(() => feed.events.some((e) => e.status === "APPROVED"));

      expect(feed.errors).toEqual([]);
      expect(feed.events.map((e) => [e.id, e.status])).toEqual([
        [alices.id, "PENDING"],
        [alices.id, "PROCESSING"],
        [alices.id, "APPROVED"],
      ]);
      expect(feed.events.every((e) => e.customer.id === alice.id)).toBe(true);
      feed.stop();
    });

    it("shows an admin every customer's orders, and only one order with orderId", async () => {
      const alice = await createCustomer(api, admin, { budgetCents: 10_000 });
      const bob = await createCustomer(api, admin, { budgetCents: 10_000 });
      const all = listen<Event>(api.wsClient(admin), ORDER_UPDATED);
      await settle();
      const first = await placeOrder(api, alice.token, [{ productId: product, quantity: 1 }]);
      const one = listen<Event>(api.wsClient(admin), ORDER_UPDATED, { orderId: first.id });
      await settle();
      const second = await placeOrder(api, bob.token, [{ productId: product, quantity: 1 }]);
      await waitForDecision(api, alice.token, first.id);
      await waitForDecision(api, bob.token, second.id);
      await until(() => all.events.filter((e) => e.status === "APPROVED").length === 2);
      await until(() => one.events.some((e) => e.status === "APPROVED"));

      expect(new Set(all.events.map((e) => e.id))).toEqual(new Set([first.id, second.id]));
      expect(one.events.every((e) => e.id === first.id)).toBe(true);
      all.stop();
      one.stop();
    });

    it("refuses an anonymous subscriber with UNAUTHENTICATED", async () => {
      const feed = listen<Event>(api.wsClient(), ORDER_UPDATED);
      await until(() => feed.errors.length > 0 || feed.done(), 5_000).catch(() => undefined);
      const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
      const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
      await waitForDecision(api, customer.token, placed.id);
      await settle();
      expect(feed.events).toEqual([]);
      expect(JSON.stringify(feed.errors)).toContain("UNAUTHENTICATED");
    });
  });

  describe("productUpdated", () => {
    it("tells a logged-in customer of stock and price changes and deletions", async () => {
      const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
      const id = await createProduct(api, admin, { name: "Lamp", priceCents: 500, stock: 5 });
      const feed = listen<{ id: string; stock: number; priceCents: number; deletedAt: string | null }>(
        api.wsClient(customer.token),
        "subscription { productUpdated { id name stock priceCents deletedAt } }",
      );
      await settle();
      await must(api, `mutation($id: ID!) { adjustStock(productId: $id, delta: 3) { stock } }`, { id }, admin);
      await must(
        api,
        `mutation($id: ID!) { updateProduct(id: $id, input: { priceCents: 450 }) { id } }`,
        { id },
        admin,
      );
      await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id }, admin);
      await until(() => feed.events.filter((e) => e.id === id).length >= 3);
      const mine = feed.events.filter((e) => e.id === id);
      expect(mine.map((e) => [e.stock, e.priceCents, e.deletedAt === null])).toEqual([
        [8, 500, true],
        [8, 450, true],
        [8, 450, false],
      ]);
      feed.stop();
    });
  });
});

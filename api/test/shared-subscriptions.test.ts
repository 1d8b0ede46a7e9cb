import { ADMIN_ENV, createCustomer, loginAdmin } from "./helpers/accounts";
import { listen, settle, until } from "./helpers/live";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Event {
  id: string;
  status: string;
  customer: { id: string };
}

const ORDER_UPDATED = `subscription($orderId: ID) { orderUpdated(orderId: $orderId) { id status customer { id } } }`;

/**
 * Admins' subscriptions with the same document and variables share one execution per event;
 * customers' never do, whatever they send.
 */
describe("shared subscription executions", () => {
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

  it("runs one execution for every admin socket with the same subscription, and gives each the same events", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const feeds = Array.from({ length: 3 }, () => listen<Event>(api.wsClient(admin), ORDER_UPDATED));
    const placedBefore = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    const narrow = listen<Event>(api.wsClient(admin), ORDER_UPDATED, { orderId: placedBefore.id });
    await settle();
    expect(api.app.sharedSubscriptions()).toMatchObject({ groups: 2, sockets: 4 });

    const order = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await waitForDecision(api, customer.token, order.id);
    await until(() => feeds.every((feed) => feed.events.some((e) => e.id === order.id && e.status === "APPROVED")));
    const seen = feeds.map((feed) => feed.events.filter((e) => e.id === order.id).map((e) => e.status));
    expect(seen).toEqual([0, 1, 2].map(() => ["PENDING", "PROCESSING", "APPROVED"]));
    expect(feeds.flatMap((feed) => feed.errors)).toEqual([]);
    expect(narrow.events.every((e) => e.id === placedBefore.id)).toBe(true);

    for (const feed of [...feeds, narrow]) feed.stop();
    await until(() => api.app.sharedSubscriptions().groups === 0);
  });

  it("never shares viewerUpdated, which is each admin's own account", async () => {
    const feeds = [0, 1].map(() =>
      listen<{ id: string }>(api.wsClient(admin), "subscription { viewerUpdated { id } }"),
    );
    await settle();
    expect(api.app.sharedSubscriptions()).toMatchObject({ groups: 0, sockets: 0 });
    for (const feed of feeds) feed.stop();
  });

  it("never shares a customer's execution: identical subscriptions each see only their own orders", async () => {
    const customers = await Promise.all(
      Array.from({ length: 4 }, () => createCustomer(api, admin, { budgetCents: 10_000 })),
    );
    const feeds = customers.map((customer) => listen<Event>(api.wsClient(customer.token), ORDER_UPDATED));
    const adminFeed = listen<Event>(api.wsClient(admin), ORDER_UPDATED);
    await settle();
    expect(api.app.sharedSubscriptions()).toMatchObject({ groups: 1, sockets: 1 });

    const orders: Array<{ id: string }> = [];
    for (const customer of customers)
      orders.push(await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]));
    for (const [i, order] of orders.entries()) await waitForDecision(api, customers[i].token, order.id);
    await until(() =>
      feeds.every((feed, i) => feed.events.some((e) => e.id === orders[i].id && e.status === "APPROVED")),
    );
    await settle(200);

    for (const [i, feed] of feeds.entries()) {
      expect(feed.errors).toEqual([]);
      expect(new Set(feed.events.map((e) => e.id))).toEqual(new Set([orders[i].id]));
      expect(feed.events.every((e) => e.customer.id === customers[i].id)).toBe(true);
    }
    await until(() =>
      orders.every((order) => adminFeed.events.some((e) => e.id === order.id && e.status === "APPROVED")),
    );
    for (const feed of [...feeds, adminFeed]) feed.stop();
  });
});

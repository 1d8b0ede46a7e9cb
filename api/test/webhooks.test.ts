import { Webhook } from "standardwebhooks";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { createWebhook, deliveriesOf, idOf, verified, waitForDeliveries } from "./helpers/webhooks";

/** Signed webhooks over real HTTP: a receiver on 127.0.0.1, retries on a short schedule. */
describe("webhooks", () => {
  let api: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    api = await startTestApp({
      env: ADMIN_ENV,
      webhooks: { pollMs: 20, retry: { baseMs: 30, factor: 2, maxAttempts: 5 }, disableAfter: 3 },
    });
    ({ token: admin } = await loginAdmin(api));
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.stop();
    // Each test's endpoint goes, so later events are not owed to it.
    const { webhooks } = await must<{ webhooks: Array<{ id: string }> }>(api, `{ webhooks { id } }`, {}, admin);
    for (const { id } of webhooks) await must(api, `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id }, admin);
  });
  afterAll(async () => {
    await api.stop();
  });

  async function approvedOrder() {
    const productId = await createProduct(api, admin, { priceCents: 500, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const order = await placeOrder(api, customer.token, [{ productId, quantity: 2 }]);
    await waitForDecision(api, customer.token, order.id);
    return { order, productId, customer };
  }

  it("delivers order.placed and order.status_changed, signed so that the library verifies them", async () => {
    const { secret } = await createWebhook(api, admin, receiver.url, ["ORDER_PLACED", "ORDER_STATUS_CHANGED"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { order, productId, customer } = await approvedOrder();
    const hooks = await receiver.waitFor(2, (h) => h.body.includes(order.id));
    const events = hooks.map((hook) => ({ id: idOf(hook), ...verified(secret, hook) }));
    expect(events.map((e) => [e.id, e.type])).toEqual(
      expect.arrayContaining([
        [`msg_${order.id}_placed`, "order.placed"],
        [`msg_${order.id}_decided`, "order.status_changed"],
      ]),
    );
    const decided = events.find((e) => e.type === "order.status_changed")!;
    expect(decided.data).toMatchObject({
      orderId: order.id,
      customerId: customer.id,
      status: "APPROVED",
      previousStatus: "PROCESSING",
      totalCents: 1000,
      items: [{ productId, quantity: 2, unitPriceCents: 500 }],
    });
  });

  it("refuses a delivery whose signature was made with another secret or whose body was changed", async () => {
    const { secret } = await createWebhook(api, admin, receiver.url, ["ORDER_PLACED"]);
    const { order } = await approvedOrder();
    const [hook] = await receiver.waitFor(1, (h) => h.body.includes(order.id));
    const other = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    expect(() => verified(other, hook)).toThrow();
    expect(() => verified(secret, { ...hook, body: hook.body.replace("PENDING", "APPROVED") })).toThrow();
    expect(() => new Webhook(secret).verify(hook.body, { ...hook.headers } as Record<string, string>)).not.toThrow();
  });

  it("retries a receiver that fails 3 times, with the same webhook-id, until it succeeds", async () => {
    const { id, secret } = await createWebhook(api, admin, receiver.url, ["PRODUCT_STOCK_CHANGED"]);
    receiver.answers = [500, 503, 502];
    const productId = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    await must(api, `mutation($id: ID!) { adjustStock(productId: $id, delta: 4) { stock } }`, { id: productId }, admin);
    const [ok] = await receiver.waitFor(1, (h) => h.status === 200);
    const rows = await waitForDeliveries(api, admin, id, (r) => r[0]?.status === "SUCCEEDED");
    expect(receiver.received.map((h) => [h.status, idOf(h)])).toEqual(
      [500, 503, 502, 200].map((status) => [status, idOf(ok)]),
    );
    expect(verified(secret, ok)).toMatchObject({
      type: "product.stock_changed",
      data: { productId, delta: 4, stock: 5 },
    });
    expect(rows[0]).toMatchObject({
      attempts: 4,
      responseStatus: 200,
      lastError: null,
      history: [
        { responseStatus: 500, error: "HTTP 500" },
        { responseStatus: 503, error: "HTTP 503" },
        { responseStatus: 502, error: "HTTP 502" },
        { responseStatus: 200, error: null },
      ],
    });
  });

  it("redelivers a delivery with the same webhook-id and body", async () => {
    const { id } = await createWebhook(api, admin, receiver.url, ["PRODUCT_DELETED"]);
    const productId = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: productId }, admin);
    const [first] = await receiver.waitFor(1);
    const [delivery] = await waitForDeliveries(api, admin, id, (r) => r[0]?.status === "SUCCEEDED");
    const { redeliverWebhook } = await must<{ redeliverWebhook: { status: string; attempts: number } }>(
      api,
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status attempts } }`,
      { id: delivery.id },
      admin,
    );
    expect(redeliverWebhook).toEqual({ status: "PENDING", attempts: 0 });
    const [, again] = await receiver.waitFor(2);
    expect([idOf(again), again.body]).toEqual([idOf(first), first.body]);
    expect(JSON.parse(first.body)).toMatchObject({ type: "product.deleted", data: { productId } });
  });

  it("sends each endpoint only the events it subscribed to", async () => {
    await createWebhook(api, admin, receiver.url, ["ORDER_STATUS_CHANGED"]);
    const { order } = await approvedOrder();
    await receiver.waitFor(1, (h) => h.body.includes(order.id));
    await must(
      api,
      `mutation($id: ID!) { setFulfilmentStatus(id: $id, status: SHIPPED) { status } }`,
      { id: order.id },
      admin,
    );
    const hooks = await receiver.waitFor(2, (h) => h.body.includes(order.id));
    expect(hooks.map((h) => (JSON.parse(h.body) as { data: { status: string } }).data.status)).toEqual([
      "APPROVED",
      "SHIPPED",
    ]);
  });

  it("disables an endpoint once 3 deliveries in a row failed every attempt, and logs it", async () => {
    const { id } = await createWebhook(api, admin, receiver.url, ["PRODUCT_STOCK_CHANGED"]);
    receiver.answers = Array.from({ length: 15 }, () => 500);
    const productId = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    for (let i = 0; i < 3; i++) {
      await must(
        api,
        `mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { stock } }`,
        { id: productId },
        admin,
      );
    }
    await waitForDeliveries(api, admin, id, (r) => r.length === 3 && r.every((d) => d.status === "FAILED"));
    expect(receiver.received).toHaveLength(15);
    const { webhooks } = await must<{
      webhooks: Array<{ enabled: boolean; failedDeliveriesInRow: number; disabledReason: string }>;
    }>(api, `{ webhooks { enabled failedDeliveriesInRow disabledReason } }`, {}, admin);
    expect(webhooks[0]).toMatchObject({ enabled: false, failedDeliveriesInRow: 3 });
    expect(webhooks[0].disabledReason).toMatch(/3 deliveries in a row/);
    const { logs } = await must<{ logs: { nodes: Array<{ message: string; level: string }> } }>(
      api,
      `{ logs(filter: { types: [SYSTEM] }, first: 5) { nodes { message level } } }`,
      {},
      admin,
    );
    expect(logs.nodes).toContainEqual({
      message: `Webhook ${receiver.url} disabled: 3 deliveries in a row failed`,
      level: "WARN",
    });
    // A disabled endpoint is owed nothing new; enabling it again forgets the failures.
    await must(api, `mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { stock } }`, { id: productId }, admin);
    const { updateWebhook } = await must<{ updateWebhook: { enabled: boolean; failedDeliveriesInRow: number } }>(
      api,
      `mutation($id: ID!) { updateWebhook(id: $id, input: { enabled: true }) { enabled failedDeliveriesInRow } }`,
      { id },
      admin,
    );
    expect(updateWebhook).toEqual({ enabled: true, failedDeliveriesInRow: 0 });
    expect(await deliveriesOf(api, admin, id)).toHaveLength(3);
  });
});

import { Types } from "mongoose";
import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createProduct } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { waitForDeliveries } from "./helpers/webhooks";

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`;

/** Who may manage webhooks, and where they may point, with private targets refused (as in production). */
describe("webhooks: access and address policy (WEBHOOK_ALLOW_PRIVATE=false)", () => {
  let api: TestApp;
  let admin: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    api = await startTestApp({
      env: { ...ADMIN_ENV, WEBHOOK_ALLOW_PRIVATE: "false" },
      webhooks: { pollMs: 20, retry: { baseMs: 20, factor: 1, maxAttempts: 2 } },
    });
    ({ token: admin } = await loginAdmin(api));
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.stop();
    await api.stop();
  });

  it.each([
    ["webhooks", `{ webhooks { id } }`, {}],
    [
      "webhookDeliveries",
      `{ webhookDeliveries(webhookId: "${new Types.ObjectId().toHexString()}") { totalCount } }`,
      {},
    ],
    ["createWebhook", CREATE, { input: { url: "https://example.com/hook", events: ["ORDER_PLACED"] } }],
    ["deleteWebhook", `mutation { deleteWebhook(id: "${new Types.ObjectId().toHexString()}") }`, {}],
    [
      "redeliverWebhook",
      `mutation { redeliverWebhook(deliveryId: "${new Types.ObjectId().toHexString()}") { id } }`,
      {},
    ],
  ])("refuses %s to customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)", async (_, query, variables) => {
    const customer = await createCustomer(api, admin);
    const asCustomer = await api.graphql(query, variables, customer.token);
    expect(asCustomer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await api.graphql(query, variables);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.5/hook",
    "http://0.0.0.0/hook",
    "ftp://example.com/hook",
  ])("refuses to register %s (BAD_USER_INPUT)", async (url) => {
    const result = await api.graphql(CREATE, { input: { url, events: ["ORDER_PLACED"] } }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  });

  it("checks the address again at delivery time, so an endpoint that now resolves inward gets nothing", async () => {
    // As if the names had resolved publicly at registration and DNS changed since (rebinding).
    const port = new URL(receiver.url).port;
    const ids = [];
    for (const url of [receiver.url, `http://localhost:${port}/hooks`]) {
      const { insertedId } = await mongoose.connection.db!.collection("webhook_endpoints").insertOne({
        url,
        events: ["product.stock_changed"],
        description: "",
        secret: `whsec_${Buffer.alloc(32, 1).toString("base64")}`,
        enabled: true,
        failedInRow: 0,
        disabledReason: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      ids.push(insertedId.toHexString());
    }
    const productId = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    await must(api, `mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { stock } }`, { id: productId }, admin);
    for (const id of ids) {
      const [delivery] = await waitForDeliveries(api, admin, id, (r) => r[0]?.status === "FAILED");
      expect(delivery.attempts).toBe(2);
      expect(delivery.lastError).toMatch(/private or local address/);
    }
    expect(receiver.received).toHaveLength(0);
  });
});

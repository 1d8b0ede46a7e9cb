import { mongo } from "mongoose";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./helpers/accounts";
import { spawnApi, type ApiProcess } from "../tools/cluster/api-process";
import { startRedisServer, type RedisServer } from "../tools/cluster/redis-server";
import { mustAt, startProcessStack, type ProcessStack } from "./helpers/api-process";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { idOf } from "./helpers/webhooks";
import { Webhook } from "standardwebhooks";

const RUNNING = /OrderFlow is running at (http:\/\/\S+)/;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { token } }`;
const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`;
const ADJUST = `mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { stock } }`;
const EVENTS = 40;

/**
 * Webhook deliveries across real API processes: a SIGKILL mid-delivery, and two instances on one
 * database with Redis between them (as deployed).
 */
describe("webhooks across API processes", () => {
  let stack: ProcessStack;
  let redis: RedisServer;
  let db: mongo.Db;
  let receiver: WebhookReceiver;
  const processes: ApiProcess[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const api = spawnApi({ ...stack.env, REDIS_URL: redis.url, WEBHOOK_TIMEOUT_MS: "1000", ...env });
    processes.push(api);
    return (await api.waitFor(RUNNING, 60_000))[1];
  };
  const adminAt = async (url: string) =>
    (await mustAt<{ login: { token: string } }>(url, LOGIN, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }))
      .login.token;

  /** Waits until the outbox holds `count` deliveries, all SUCCEEDED. */
  const allSucceeded = async (count: number) => {
    const deliveries = db.collection("webhook_deliveries");
    for (let waited = 0; ; waited += 50) {
      const done = await deliveries.countDocuments({ status: "SUCCEEDED" });
      if (done === count && (await deliveries.countDocuments()) === count) return;
      if (waited > 30_000)
        throw new Error(
          `${done} of ${count} deliveries succeeded: ${JSON.stringify(
            await deliveries
              .find({ status: { $ne: "SUCCEEDED" } })
              .limit(2)
              .toArray(),
          )}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startProcessStack("webhooks");
    db = stack.db;
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await receiver.stop();
    // Each test's endpoints and deliveries go: a stopped receiver's endpoint would fail the next test's events.
    await db.collection("webhook_endpoints").deleteMany({});
    await db.collection("webhook_deliveries").deleteMany({});
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it("delivers an event whose API process was SIGKILLed mid-delivery after the restart, with the same webhook-id", async () => {
    const url = await start();
    const admin = await adminAt(url);
    const { createWebhook } = await mustAt<{ createWebhook: { secret: string } }>(
      url,
      CREATE_WEBHOOK,
      { input: { url: receiver.url, events: ["PRODUCT_STOCK_CHANGED"] } },
      admin,
    );
    const { createProduct } = await mustAt<{ createProduct: { id: string } }>(
      url,
      `mutation { createProduct(input: { name: "Crash lamp", priceCents: 100, stock: 1 }) { id } }`,
      {},
      admin,
    );
    receiver.answers = ["hang"];
    await mustAt(url, ADJUST, { id: createProduct.id }, admin);
    const [hanging] = await receiver.waitFor(1);
    processes[0].child.kill("SIGKILL");
    await processes.shift()!.exited;
    expect(await db.collection("webhook_deliveries").countDocuments({ status: "PENDING" })).toBe(1);

    await start();
    const [delivered] = await receiver.waitFor(1, (h) => h.status === 200, 30_000);
    expect(idOf(delivered)).toBe(idOf(hanging));
    expect(delivered.body).toBe(hanging.body);
    const verified = new Webhook(createWebhook.secret).verify(delivered.body, {
      "webhook-id": idOf(delivered),
      "webhook-timestamp": String(delivered.headers["webhook-timestamp"]),
      "webhook-signature": String(delivered.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({ type: "product.stock_changed", data: { productId: createProduct.id, stock: 2 } });
    await allSucceeded(1);
    expect(receiver.received.map((h) => h.status)).toEqual([0, 200]);
  });

  it("delivers each event once per endpoint with two instances sending from one outbox", async () => {
    const urls = await Promise.all([start(), start()]);
    const admins = await Promise.all(urls.map(adminAt));
    const { createProduct: before } = await mustAt<{ createProduct: { id: string } }>(
      urls[1],
      `mutation { createProduct(input: { name: "Early lamp", priceCents: 100, stock: 1 }) { id } }`,
      {},
      admins[1],
    );
    // The second instance has read the endpoints (none) for this event: the registrations below,
    // on the first, must reach it through Redis, or its events would go nowhere.
    await mustAt(urls[1], ADJUST, { id: before.id }, admins[1]);
    for (let i = 0; i < 2; i++) {
      await mustAt(
        urls[0],
        CREATE_WEBHOOK,
        { input: { url: receiver.url, events: ["PRODUCT_STOCK_CHANGED"] } },
        admins[0],
      );
    }
    const { createProduct } = await mustAt<{ createProduct: { id: string } }>(
      urls[0],
      `mutation { createProduct(input: { name: "Twin lamp", priceCents: 100, stock: 1 }) { id } }`,
      {},
      admins[0],
    );
    await Promise.all(
      Array.from({ length: EVENTS }, (_, i) => mustAt(urls[i % 2], ADJUST, { id: createProduct.id }, admins[i % 2])),
    );
    const hooks = await receiver.waitFor(2 * EVENTS, undefined, 30_000);
    // Every delivery recorded as sent: an attempt sent twice would have arrived by then.
    await allSucceeded(2 * EVENTS);
    const perEvent = new Map<string, number>();
    for (const hook of receiver.received) perEvent.set(idOf(hook), (perEvent.get(idOf(hook)) ?? 0) + 1);
    expect(hooks).toHaveLength(2 * EVENTS);
    expect(receiver.received).toHaveLength(2 * EVENTS);
    expect(perEvent.size).toBe(EVENTS);
    expect([...perEvent.values()].every((n) => n === 2)).toBe(true);
  });
});

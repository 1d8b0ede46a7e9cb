import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "graphql-ws";
import { mongo } from "mongoose";
import WebSocket from "ws";
import { INSTANCE_NAMES, startCluster, type Cluster } from "../tools/cluster/cluster";
import { ADMIN_ENV, PASSWORD, uniqueEmail } from "./helpers/accounts";
import { mustAt } from "./helpers/api-process";
import { freshDatabaseName, testServerUri } from "./helpers/database";
import {
  checkInvariants,
  decisionMismatches,
  InvariantSampler,
  statusCounts,
  waitForDrain,
} from "./helpers/invariants";
import { startMailbox, type Mailbox } from "./helpers/mailbox";

const CUSTOMERS = 16;
const PRODUCTS = 8;
/** Each customer places an order about this often while the instances restart. */
const PLACE_EVERY_MS = 300;
const DRAIN_TIMEOUT_MS = 120_000;
const FINAL = ["APPROVED", "REJECTED"];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

interface OrderView {
  id: string;
  status: string;
  updatedAt: string;
}

interface OrderPage {
  nodes: OrderView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface ProxyAnswer {
  status: number;
  json: { data?: Record<string, unknown> | null; errors?: unknown[] };
  /** How often the request was sent again. */
  retries: number;
}

/**
 * One GraphQL request through nginx, sent again while the proxy answers with a gateway error or
 * the connection fails: what a careful client does during a restart. A mutation sent again must
 * carry its idempotency key.
 */
async function postThroughProxy(url: string, token: string, request: object): Promise<ProxyAnswer> {
  const body = JSON.stringify(request);
  for (let retries = 0; retries < 100; retries++) {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      const text = await response.text();
      if (response.status < 502 || response.status > 504)
        return { status: response.status, json: JSON.parse(text) as ProxyAnswer["json"], retries };
    } catch {
      // the connection failed: try again
    }
    await sleep(100);
  }
  throw new Error("no answer through nginx after 100 attempts");
}

/**
 * A subscriber as a real client does it: one graphql-ws socket through nginx that reconnects
 * whenever it drops, and on every (re)connection a fresh snapshot of the orders it may see, so
 * that what changed while it was away is not lost. Views are merged by `updatedAt`: an event or a
 * snapshot never replaces a newer view of the same order.
 */
class Subscriber {
  readonly view = new Map<string, OrderView>();
  /** Order id → statuses that arrived as events after the last (re)connection. */
  readonly liveSinceLastConnect = new Map<string, string[]>();
  readonly errors: string[] = [];
  connections = 0;
  /** Acknowledged connections that closed later. */
  drops = 0;
  /** Attempts that closed before the server acknowledged them (e.g. nginx found no instance). */
  failedAttempts = 0;
  /** Whether the socket is acknowledged now. */
  live = false;
  private readonly socket: Client;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly token: string,
  ) {
    this.socket = createClient({
      url: `${url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => sleep(randomInt(50, 250)),
      connectionParams: { authorization: `Bearer ${token}` },
      on: {
        connected: () => {
          this.connections += 1;
          this.live = true;
          this.liveSinceLastConnect.clear();
          void this.resync().catch((error: unknown) => this.errors.push(`resync: ${String(error)}`));
        },
        closed: () => {
          if (this.live) this.drops += 1;
          else this.failedAttempts += 1;
          this.live = false;
        },
      },
    });
    this.socket.subscribe<{ orderUpdated: OrderView }>(
      { query: "subscription { orderUpdated { id status updatedAt } }" },
      {
        next: ({ data, errors }) => {
          if (errors !== undefined || !data) return void this.errors.push(JSON.stringify(errors));
          const order = data.orderUpdated;
          this.merge(order);
          this.liveSinceLastConnect.set(order.id, [...(this.liveSinceLastConnect.get(order.id) ?? []), order.status]);
        },
        error: (error) => this.errors.push(`subscription: ${JSON.stringify(error)}`),
        complete: () => this.errors.push("subscription completed"),
      },
    );
  }

  private merge(order: OrderView): void {
    const known = this.view.get(order.id);
    if (known === undefined || Date.parse(order.updatedAt) >= Date.parse(known.updatedAt))
      this.view.set(order.id, order);
  }

  /** Every order this account may see, page by page. */
  private async resync(): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const result = await postThroughProxy(this.url, this.token, {
        query: `query($after: String) { orders(first: 100, after: $after) { nodes { id status updatedAt } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      });
      const orders = (result.json.data as { orders?: OrderPage } | null | undefined)?.orders;
      if (orders === undefined) throw new Error(`${result.status}: ${JSON.stringify(result.json)}`);
      for (const order of orders.nodes) this.merge(order);
      if (!orders.pageInfo.hasNextPage) return;
      after = orders.pageInfo.endCursor;
    }
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.socket.dispose());
  }
}

/** How placing went: the ids the API returned, and how often a request had to be sent again. */
interface Placed {
  ids: string[];
  retries: number;
  failures: string[];
}

/** Places one order through nginx; a request sent again carries the same idempotency key. */
async function placeWithRetry(url: string, token: string, productIds: string[], placed: Placed): Promise<void> {
  const items = [...new Set(Array.from({ length: randomInt(1, 3) }, () => productIds[randomInt(0, PRODUCTS - 1)]))];
  try {
    const result = await postThroughProxy(url, token, {
      query: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      variables: {
        input: {
          items: items.map((productId) => ({ productId, quantity: randomInt(1, 3) })),
          idempotencyKey: randomUUID(),
        },
      },
    });
    placed.retries += result.retries;
    const order = (result.json.data as { placeOrder?: { id: string } } | null | undefined)?.placeOrder;
    if (order !== undefined) placed.ids.push(order.id);
    else placed.failures.push(`${result.status}: ${JSON.stringify(result.json)}`);
  } catch (error) {
    placed.failures.push(String(error));
  }
}

/**
 * The cluster of `npm run cluster` (one database, a real redis-server, two API instances, nginx in
 * front), restarted one instance after the other while customers place orders through nginx and
 * every customer and an admin listen. Nothing may be lost or done twice.
 */
describe("a rolling restart of the cluster while orders flow and subscribers listen", () => {
  let cluster: Cluster;
  let mailbox: Mailbox;
  let client: mongo.MongoClient;
  let db: mongo.Db;
  let dataDir: string;
  const subscribers: Subscriber[] = [];
  const customerOf = new Map<Subscriber, string>();
  let admin: Subscriber;
  const before: Placed = { ids: [], retries: 0, failures: [] };
  const after: Placed = { ids: [], retries: 0, failures: [] };
  let sampler: InvariantSampler | undefined;
  const pids: Record<string, number[]> = {};

  beforeAll(async () => {
    mailbox = await startMailbox();
    dataDir = mkdtempSync(join(tmpdir(), "orderflow-rolling-"));
    const dbName = freshDatabaseName("rolling");
    client = new mongo.MongoClient(testServerUri());
    await client.connect();
    db = client.db(dbName);
    cluster = await startCluster({
      dataDir,
      mongodbUri: `${testServerUri()}/${dbName}`,
      smtpUrl: mailbox.smtpUrl,
      env: { ...ADMIN_ENV, DEMO_DATA: "false", SCHEDULER_CONCURRENCY: "4", LOG_LEVEL: "warn" },
    });
    for (const instance of cluster.instances) pids[instance.name] = [instance.process.child.pid!];
    const url = cluster.url;
    const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { token } }`;
    const login = async (email: string, password: string) =>
      (await mustAt<{ login: { token: string } }>(url, LOGIN, { i: { email, password } })).login.token;
    const adminToken = await login(cluster.adminEmail, cluster.adminPassword);

    const productIds: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const { createProduct } = await mustAt<{ createProduct: { id: string } }>(
        url,
        `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
        { input: { name: `Rolling ${i}`, priceCents: randomInt(1, 9) * 100, stock: randomInt(40, 120) } },
        adminToken,
      );
      productIds.push(createProduct.id);
    }
    const tokens: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const email = uniqueEmail("rolling");
      const { createCustomer } = await mustAt<{ createCustomer: { id: string } }>(
        url,
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        {
          input: {
            name: `Rolling customer ${i}`,
            email,
            password: PASSWORD,
            tier: i % 4 === 0 ? "PREMIUM" : "STANDARD",
            budgetCents: [5_000, 20_000, 80_000][i % 3],
          },
        },
        adminToken,
      );
      const token = await login(email, PASSWORD);
      tokens.push(token);
      const subscriber = new Subscriber(`customer ${i}`, url, token);
      subscribers.push(subscriber);
      customerOf.set(subscriber, createCustomer.id);
    }
    admin = new Subscriber("admin", url, adminToken);
    subscribers.push(admin);
    // Every socket acknowledged and its first snapshot taken before the first order.
    const deadline = Date.now() + 20_000;
    while (subscribers.some((s) => s.connections === 0)) {
      if (Date.now() > deadline) throw new Error("not every subscriber connected through nginx");
      await sleep(50);
    }
    await sleep(500);

    sampler = new InvariantSampler(db);

    // Customers order continuously while api-1, then api-2, stop gracefully and start again.
    let restarting = true;
    const placers = tokens.map(async (token) => {
      while (restarting) {
        await placeWithRetry(url, token, productIds, before);
        await sleep(randomInt(PLACE_EVERY_MS / 2, (PLACE_EVERY_MS * 3) / 2));
      }
    });
    try {
      await sleep(2_000);
      for (const name of INSTANCE_NAMES) {
        await cluster.restart(name);
        pids[name].push(cluster.instances.find((instance) => instance.name === name)!.process.child.pid!);
        await sleep(1_500);
      }
      // Every subscriber's socket was on one of the two instances, so every one dropped once at
      // least; wait until each is back.
      const back = Date.now() + 20_000;
      while (subscribers.some((s) => s.drops === 0 || !s.live)) {
        if (Date.now() > back) break; // the assertions below say who did not come back
        await sleep(50);
      }
    } finally {
      restarting = false;
      await Promise.all(placers);
    }
    // After the restarts, with every subscriber back: two more orders each, whose updates must
    // all arrive as events.
    await sleep(300);
    await Promise.all(tokens.map((token) => placeWithRetry(url, token, productIds, after)));
    await Promise.all(tokens.map((token) => placeWithRetry(url, token, productIds, after)));

    try {
      await waitForDrain(db, DRAIN_TIMEOUT_MS);
    } finally {
      await sampler.stop();
    }
    await sleep(1_000); // the last events on their way through Redis, the instances and nginx
    const counts = await statusCounts(db);
    console.log(
      `rolling restart: ${before.ids.length} orders placed during the restarts (${before.retries} requests sent again), ` +
        `${after.ids.length} after; approved ${counts["APPROVED"] ?? 0}, rejected ${counts["REJECTED"] ?? 0}; ` +
        `subscriber drops ${subscribers.map((s) => s.drops).join(",")}, ` +
        `failed reconnection attempts ${subscribers.map((s) => s.failedAttempts).join(",")}; ` +
        `invariant samples ${sampler?.samples}`,
    );
  }, 240_000);

  afterAll(async () => {
    await sampler?.stop();
    await Promise.all(subscribers.map((s) => s.dispose()));
    await cluster?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
    await mailbox?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("restarted both instances: new processes, each started twice on the one database", async () => {
    for (const name of INSTANCE_NAMES) {
      expect(pids[name]).toHaveLength(2);
      expect(pids[name][0]).not.toBe(pids[name][1]);
    }
    const starts = await db.collection("logs").countDocuments({ type: "SYSTEM", message: /^API instance started at / });
    expect(starts).toBe(4);
    expect(cluster.instances.every((instance) => instance.process.child.exitCode === null)).toBe(true);
  });

  it("accepted every order placed through nginx, each exactly once despite the requests sent again", async () => {
    expect(before.failures).toEqual([]);
    expect(after.failures).toEqual([]);
    expect(before.ids.length).toBeGreaterThan(CUSTOMERS * 5);
    expect(after.ids).toHaveLength(CUSTOMERS * 2);
    const placed = [...before.ids, ...after.ids];
    expect(new Set(placed).size).toBe(placed.length);
    const stored = (
      await db
        .collection("orders")
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((o) => String(o["_id"]));
    expect(stored.sort()).toEqual([...placed].sort());
  });

  it("decided every order exactly once: one approved or rejected ORDER log entry each", async () => {
    const counts = await statusCounts(db);
    expect((counts["APPROVED"] ?? 0) + (counts["REJECTED"] ?? 0)).toBe(before.ids.length + after.ids.length);
    expect(await decisionMismatches(db)).toEqual([]);
  });

  it("kept every invariant in every sample and at the end", async () => {
    expect(sampler?.samples).toBeGreaterThanOrEqual(5);
    expect(sampler?.violations).toEqual([]);
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
  });

  it("reconnected every subscriber, which then knows the final status of every order it may see", async () => {
    expect(subscribers.flatMap((s) => s.errors.map((e) => `${s.name}: ${e}`))).toEqual([]);
    expect(subscribers.filter((s) => s.drops === 0).map((s) => s.name)).toEqual([]);
    expect(subscribers.filter((s) => !s.live || s.connections !== s.drops + 1).map((s) => s.name)).toEqual([]);
    const orders = await db
      .collection("orders")
      .find({}, { projection: { status: 1, customerId: 1 } })
      .toArray();
    const wrong: string[] = [];
    for (const subscriber of subscribers) {
      const customerId = customerOf.get(subscriber);
      const visible = orders.filter((o) => customerId === undefined || String(o["customerId"]) === customerId);
      for (const order of visible) {
        const seen = subscriber.view.get(String(order["_id"]))?.status;
        if (seen !== order["status"])
          wrong.push(`${subscriber.name}: ${String(order["_id"])} is ${String(order["status"])}, seen ${seen}`);
      }
      const foreign = [...subscriber.view.keys()].filter((id) => !visible.some((o) => String(o["_id"]) === id));
      if (foreign.length > 0) wrong.push(`${subscriber.name} saw others' orders ${foreign.join(", ")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("delivered, as events, every update of the orders placed after the restarts", () => {
    const missing: string[] = [];
    for (const id of after.ids) {
      for (const subscriber of subscribers) {
        if (!subscriber.view.has(id)) continue; // another customer's order
        const statuses = subscriber.liveSinceLastConnect.get(id) ?? [];
        if (!statuses.includes("PENDING") || !statuses.some((s) => FINAL.includes(s))) {
          missing.push(`${subscriber.name}: ${id} got [${statuses.join(", ")}]`);
        }
      }
    }
    expect(missing).toEqual([]);
    // Each "after" order reached its customer and the admin.
    expect(after.ids.every((id) => subscribers.filter((s) => s.view.has(id)).length === 2)).toBe(true);
  });
});

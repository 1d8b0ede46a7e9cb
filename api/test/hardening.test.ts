import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { ADMIN_ENV, createCustomer, loginAdmin } from "./helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { testServerUri } from "./helpers/database";
import { startTestApp, wsRequest, type GraphQLResponse, type TestApp } from "./helpers/test-app";

/** Runs an operation over both transports and returns both answers' first error codes. */
async function bothTransports(api: TestApp, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const http = await api.graphql(query, variables, token);
  const ws = await wsRequest(api.wsClient(token), query, variables);
  return { http, ws, codes: [http.errors?.[0]?.extensions?.code, ws.errors?.[0]?.extensions?.code] };
}

const nested = (depth: number) =>
  `{ me { ${"orders { nodes { customer { ".repeat(depth)}id${" } } }".repeat(depth)} } }`;

describe("GraphQL hardening, the same over HTTP and graphql-ws", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  it("accepts an ordinary operation on both transports", async () => {
    const { codes } = await bothTransports(api, "{ me { id orders(first: 5) { nodes { id } } } }", {}, admin);
    expect(codes).toEqual([undefined, undefined]);
  });

  it("rejects a query nested too deep before running it", async () => {
    const { codes, http } = await bothTransports(api, nested(5), {}, admin);
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
    expect(http.data).toBeUndefined();
  });

  it("rejects too many aliases", async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: me { id }`).join(" ");
    expect((await bothTransports(api, `{ ${aliases} }`)).codes).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
      "GRAPHQL_VALIDATION_FAILED",
    ]);
  });

  it("rejects too many directives", async () => {
    const directives = Array.from({ length: 25 }, () => "@include(if: true)").join(" ");
    expect((await bothTransports(api, `{ __typename ${directives} }`)).codes).toEqual([
      "GRAPHQL_VALIDATION_FAILED",
      "GRAPHQL_VALIDATION_FAILED",
    ]);
  });

  it("rejects a document with too many tokens as a parse failure", async () => {
    const fields = Array.from({ length: 3100 }, () => "__typename").join(" ");
    expect((await bothTransports(api, `{ ${fields} }`)).codes).toEqual([
      "GRAPHQL_PARSE_FAILED",
      "GRAPHQL_PARSE_FAILED",
    ]);
  });

  it("rejects an operation whose estimated cost is too high, also when the page size comes from a variable", async () => {
    const costly = `query($n: Int) { orders(first: $n) { nodes { items { product { name } } customer { orders(first: $n) { nodes { items { productName } } } } } } }`;
    const { codes, http, ws } = await bothTransports(api, costly, { n: 100 }, admin);
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
    expect(http.errors?.[0]?.message).toMatch(/too expensive/);
    expect(ws.errors?.[0]?.message).toMatch(/too expensive/);
    const cheap = await bothTransports(api, costly, { n: 3 }, admin);
    expect(cheap.codes).toEqual([undefined, undefined]);
  });

  it("hides field suggestions that would reveal the schema", async () => {
    const { http, ws } = await bothTransports(api, "{ prodcts { totalCount } }", {}, admin);
    for (const answer of [http, ws] as Array<Pick<GraphQLResponse, "errors">>) {
      expect(answer.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(answer.errors?.[0]?.message).not.toMatch(/Did you mean/);
    }
  });

  it("refuses a WebSocket upgrade from a foreign browser origin, and accepts its own and origin-less clients", async () => {
    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(api.wsUrl, "graphql-transport-ws", origin === undefined ? {} : { origin });
        socket.on("open", () => {
          socket.close();
          resolve("open");
        });
        socket.on("unexpected-response", (_req, res) => resolve(`refused ${res.statusCode}`));
        socket.on("error", () => resolve("error"));
      });
    expect(await open("https://evil.example")).toBe("refused 401");
    expect(await open(api.url)).toBe("open");
    expect(await open()).toBe("open");
  });

  it("closes a socket that does not initialise in time with 4408", async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(api.wsUrl, "graphql-transport-ws");
      socket.on("close", (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(4408);
  });

  it("rejects a body over 1 MB", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", variables: { x: "x".repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it("serves Prometheus metrics: operations, errors by code, scheduler figures, open subscriptions", async () => {
    await api.graphql("query MetricsProbe { __typename }");
    await api.graphql("{ nope }");
    const product = await createProduct(api, admin, { priceCents: 100, stock: 5 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await waitForDecision(api, customer.token, placed.id);
    const feed = api.wsClient(admin, { lazy: false });
    const stop = feed.subscribe(
      { query: "subscription { orderUpdated { id } }" },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    const text = await (await fetch(`${api.url}/metrics`)).text();
    stop();
    expect(text).toMatch(/orderflow_subscriptions_open 1\b/);
    expect(text).toMatch(/orderflow_order_latency_seconds_count\{outcome="APPROVED"\} 1\b/);
    expect(text).toMatch(/orderflow_orders_approved_total 1\b/);
    expect(text).toMatch(
      /orderflow_graphql_requests_total\{operation="MetricsProbe",type="query",transport="http"\} 1/,
    );
    expect(text).toMatch(/orderflow_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} \d+/);
    expect(text).toMatch(/orderflow_scheduler_queue_length \d+/);
    expect(text).toMatch(/orderflow_scheduler_in_flight \d+/);
    expect(text).toMatch(/orderflow_orders_approved_total \d+/);
    expect(text).toMatch(/orderflow_subscriptions_open \d+/);
    expect(text).toMatch(/orderflow_order_latency_seconds_bucket/);
    expect(text).toMatch(/orderflow_graphql_request_duration_seconds_bucket/);
  });
});

describe("in production", () => {
  let api: TestApp;
  let client: Client | undefined;

  beforeAll(async () => {
    api = await startTestApp({ env: { NODE_ENV: "production", MONGODB_URI: testServerUri() } });
  });
  afterAll(async () => {
    await client?.dispose();
    await api.stop();
  });

  it("turns introspection off on both transports", async () => {
    const { codes } = await bothTransports(api, "{ __schema { types { name } } }");
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
  });

  it("shows no stack traces for unexpected errors", async () => {
    const response = await api.graphql("{ __typename }");
    expect(JSON.stringify(response)).not.toMatch(/stacktrace/);
    client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    expect(await wsRequest(client, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
  });
});

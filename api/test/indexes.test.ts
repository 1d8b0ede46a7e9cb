import mongoose, { type mongo } from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import {
  describeShape,
  indexServes,
  needsIndex,
  queryShape,
  type IndexKey,
  type QueryShape,
} from "./helpers/index-coverage";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

/**
 * Every filtered or sorted query the API ran during a workload that touches every part (placement,
 * idempotent retries, claims, holds, decisions, fulfilment, cancellation, recovery, deletion, the
 * lists with each filter, accounts), checked against the indexes the server actually has. Reads
 * with neither filter nor sort (the dashboard's one pass over the orders) read everything anyway.
 */
describe("indexes: every query the pipeline, recovery and lists run is served by a declared index", () => {
  let api: TestApp;
  const shapes = new Map<string, QueryShape>();
  const record = (event: mongo.CommandStartedEvent) => {
    const shape = queryShape(event);
    if (shape !== undefined && needsIndex(shape)) shapes.set(describeShape(shape), shape);
  };
  const indexes = new Map<string, IndexKey[]>();

  beforeAll(async () => {
    api = await startTestApp({
      env: ADMIN_ENV,
      monitorCommands: true,
      scheduler: { enabled: true, pollIntervalMs: 100, recoveryIntervalMs: 200 },
    });
    mongoose.connection.getClient().on("commandStarted", record);
    const admin = (await loginAdmin(api)).token;
    const products = [
      await createProduct(api, admin, { priceCents: 100, stock: 50 }),
      await createProduct(api, admin, { priceCents: 250, stock: 1 }),
    ];
    const rich = await createCustomer(api, admin, { budgetCents: 100_000, tier: "PREMIUM" });
    const poor = await createCustomer(api, admin, { budgetCents: 100 });
    // Approved, rejected for stock and for budget, cancelled, shipped and delivered orders.
    const approved = await placeOrder(api, rich.token, [{ productId: products[1], quantity: 1 }], {
      idempotencyKey: "indexes-first-order",
    });
    await waitForDecision(api, rich.token, approved.id);
    // The same request again, as a client whose answer was lost: the key finds the first order.
    await placeOrder(api, rich.token, [{ productId: products[1], quantity: 1 }], {
      idempotencyKey: "indexes-first-order",
    });
    const noStock = await placeOrder(api, rich.token, [{ productId: products[1], quantity: 1 }]);
    await waitForDecision(api, rich.token, noStock.id);
    const noBudget = await placeOrder(api, poor.token, [{ productId: products[0], quantity: 5 }]);
    await waitForDecision(api, poor.token, noBudget.id);
    for (const status of ["SHIPPED", "DELIVERED"])
      await must(
        api,
        `mutation($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { id } }`,
        { id: approved.id, s: status },
        admin,
      );
    const later = await placeOrder(api, rich.token, [{ productId: products[0], quantity: 1 }]);
    await must(api, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: later.id }, rich.token).catch(
      () => undefined,
    );
    // Lists, with each filter the client offers, a second page, and the counts.
    const lists = [
      `{ orders(first: 1) { nodes { id } pageInfo { endCursor } totalCount } }`,
      `{ orders(first: 5, filter: { status: [APPROVED, REJECTED] }) { nodes { id } totalCount } }`,
      `{ orders(first: 5, filter: { customerId: "${rich.id}" }) { nodes { id } totalCount } }`,
      `{ users(first: 5, filter: { search: "a", tier: PREMIUM }) { nodes { id } totalCount } }`,
      `{ users(first: 5) { nodes { id } totalCount } }`,
      `{ products(first: 5, search: "Product") { nodes { id } totalCount } }`,
      `{ logs(first: 5, filter: { types: [ORDER], levels: [INFO] }) { nodes { id } totalCount } }`,
      `{ logs(first: 5) { nodes { id } totalCount } }`,
      `{ logs(first: 5, filter: { levels: [WARN, ERROR] }) { nodes { id } totalCount } }`,
      `{ orders(first: 5, filter: { status: [REJECTED] }) { nodes { id } totalCount } }`,
      `{ dashboard { orderCount } schedulerStats { queued } }`,
    ];
    for (const query of lists) await must(api, query, {}, admin);
    const { orders } = await must<{ orders: { pageInfo: { endCursor: string } } }>(api, lists[0], {}, admin);
    await must(
      api,
      `query($a: String) { orders(first: 1, after: $a) { nodes { id } } }`,
      { a: orders.pageInfo.endCursor },
      admin,
    );
    await must(api, `{ orders(first: 5) { nodes { id } } }`, {}, rich.token);
    await must(api, `{ orders(first: 5, filter: { status: [APPROVED] }) { nodes { id } } }`, {}, rich.token);
    // Deleting a customer rejects their open orders; recovery runs on its timer and once more here.
    await placeOrder(api, poor.token, [{ productId: products[0], quantity: 1 }]);
    await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: poor.id }, admin);
    await must(api, `mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: rich.email }, undefined);
    await api.app.recover();
    await new Promise((resolve) => setTimeout(resolve, 500));

    mongoose.connection.getClient().off("commandStarted", record);
    const db = mongoose.connection.db!;
    for (const collection of new Set([...shapes.values()].map((shape) => shape.collection))) {
      const declared = await db.collection(collection).indexes();
      indexes.set(
        collection,
        declared.map((index) =>
          Object.entries(index.key).map(([field, dir]) => [field, Number(dir) < 0 ? -1 : 1] as const),
        ),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  it("saw the queries of every part: placement, claims, holds, recovery, lists, logs, accounts", () => {
    const collections = new Set([...shapes.values()].map((shape) => shape.collection));
    for (const collection of ["orders", "products", "users", "logs", "order_idempotency_keys"])
      expect(collections).toContain(collection);
    console.log(`indexes: ${shapes.size} distinct query shapes checked:\n${[...shapes.keys()].sort().join("\n")}`);
  });

  it("serves every query shape from an index", () => {
    const unserved = [...shapes.entries()]
      .filter(([, shape]) => !(indexes.get(shape.collection) ?? []).some((index) => indexServes(index, shape)))
      .map(([description]) => description)
      .sort();
    expect(unserved).toEqual([]);
  });
});

describe("indexServes", () => {
  const query = (fields: QueryShape["fields"], sort: QueryShape["sort"] = []): QueryShape => ({
    collection: "c",
    command: "find",
    fields,
    sort,
  });
  const pollIndex: IndexKey = [
    ["status", 1],
    ["priorityKey", -1],
    ["createdAt", 1],
  ];

  it("serves an equality prefix followed by the sort, forwards or reversed", () => {
    const sort = [
      ["priorityKey", -1],
      ["createdAt", 1],
    ] as const;
    expect(indexServes(pollIndex, query({ status: "eq", createdAt: "range" }, [...sort]))).toBe(true);
    expect(
      indexServes(
        pollIndex,
        query({ status: "eq" }, [
          ["priorityKey", 1],
          ["createdAt", -1],
        ]),
      ),
    ).toBe(true);
  });

  it("does not serve a sort the index does not continue, or a filter on a later field only", () => {
    expect(
      indexServes(
        [
          ["createdAt", -1],
          ["_id", -1],
        ],
        query({ status: "eq" }, [
          ["createdAt", -1],
          ["_id", -1],
        ]),
      ),
    ).toBe(false);
    expect(indexServes(pollIndex, query({ status: "eq" }, [["createdAt", 1]]))).toBe(false);
    expect(
      indexServes(
        pollIndex,
        query({ status: "eq" }, [
          ["priorityKey", -1],
          ["createdAt", -1],
        ]),
      ),
    ).toBe(false);
    expect(indexServes(pollIndex, query({ createdAt: "range" }))).toBe(false);
    expect(indexServes(pollIndex, query({}, [["priorityKey", -1]]))).toBe(false);
  });

  it("serves a range on the first field, and an unfiltered sort on the leading fields", () => {
    expect(
      indexServes(
        [
          ["at", -1],
          ["_id", -1],
        ],
        query({ at: "range" }),
      ),
    ).toBe(true);
    expect(
      indexServes(
        [
          ["at", -1],
          ["_id", -1],
        ],
        query({}, [
          ["at", 1],
          ["_id", 1],
        ]),
      ),
    ).toBe(true);
  });
});

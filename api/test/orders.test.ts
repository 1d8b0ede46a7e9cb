import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { checkInvariants, invariantsWhenQuiet, waitForDrain } from "./helpers/invariants";
import {
  createProduct,
  moneyOf,
  ORDER_FIELDS,
  placeOrder,
  stockOf,
  waitForDecision,
  type OrderRow,
} from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

describe("orders and the scheduler", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    expect(await invariantsWhenQuiet(mongoose.connection.db!)).toEqual([]);
    await api.stop();
  });

  it("approves an order that fits: stock taken, budget debited, total spent raised", async () => {
    const product = await createProduct(api, admin, { name: "Widget", priceCents: 250, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 3 }]);
    expect(placed).toMatchObject({
      status: "PENDING",
      totalCents: 750,
      items: [{ productName: "Widget", unitPriceCents: 250, quantity: 3, lineTotalCents: 750 }],
    });

    const decided = await waitForDecision(api, customer.token, placed.id);
    expect(decided.status).toBe("APPROVED");
    expect(await stockOf(api, admin, product)).toBe(7);
    expect(await moneyOf(api, admin, customer.id)).toEqual({ budgetCents: 250, totalSpentCents: 750 });
  });

  it("rejects for stock with a reason naming the product, changing nothing", async () => {
    const product = await createProduct(api, admin, { name: "Rare Gem", priceCents: 100, stock: 2 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 3 }]);
    const decided = await waitForDecision(api, customer.token, placed.id);
    expect(decided.status).toBe("REJECTED");
    expect(decided.reason).toMatch(/Not enough stock for "Rare Gem": 3 wanted, 2 available/);
    expect(await stockOf(api, admin, product)).toBe(2);
    expect(await moneyOf(api, admin, customer.id)).toEqual({ budgetCents: 10_000, totalSpentCents: 0 });
  });

  it("rejects for budget, changing nothing", async () => {
    const product = await createProduct(api, admin, { priceCents: 600, stock: 5 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 2 }]);
    const decided = await waitForDecision(api, customer.token, placed.id);
    expect(decided.status).toBe("REJECTED");
    expect(decided.reason).toMatch(/Insufficient budget: the order costs 1200 cents, 1000 cents are available/);
    expect(await stockOf(api, admin, product)).toBe(5);
  });

  it("is all or nothing: one short line changes nothing anywhere", async () => {
    const plenty = await createProduct(api, admin, { name: "Plenty", priceCents: 10, stock: 100 });
    const scarce = await createProduct(api, admin, { name: "Scarce", priceCents: 10, stock: 1 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [
      { productId: plenty, quantity: 5 },
      { productId: scarce, quantity: 2 },
    ]);
    const decided = await waitForDecision(api, customer.token, placed.id);
    expect(decided.status).toBe("REJECTED");
    expect(decided.reason).toMatch(/Scarce/);
    expect([await stockOf(api, admin, plenty), await stockOf(api, admin, scarce)]).toEqual([100, 1]);
    expect(await moneyOf(api, admin, customer.id)).toEqual({ budgetCents: 10_000, totalSpentCents: 0 });
  });

  it("merges lines of the same product and checks the input", async () => {
    const product = await createProduct(api, admin, { priceCents: 5, stock: 100 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [
      { productId: product, quantity: 2 },
      { productId: product, quantity: 3 },
    ]);
    expect(placed.items).toEqual([expect.objectContaining({ quantity: 5, lineTotalCents: 25 })]);
    const bad = [
      { items: [] },
      { items: [{ productId: product, quantity: 0 }] },
      { items: [{ productId: product, quantity: 1001 }] },
      { items: [{ productId: "nope", quantity: 1 }] },
    ];
    for (const input of bad) {
      const response = await api.graphql(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        { input },
        customer.token,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const unknown = await api.graphql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      { input: { items: [{ productId: "0123456789abcdef01234567", quantity: 1 }] } },
      customer.token,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  describe("cancellation", () => {
    it("refunds an approved order exactly once, even when two cancels race", async () => {
      const product = await createProduct(api, admin, { priceCents: 100, stock: 10 });
      const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
      const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 4 }]);
      expect((await waitForDecision(api, customer.token, placed.id)).status).toBe("APPROVED");

      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          api.graphql(
            `mutation($id: ID!) { cancelOrder(id: $id, reason: "Out of time") { status reason } }`,
            { id: placed.id },
            admin,
          ),
        ),
      );
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(4);
      expect(await stockOf(api, admin, product)).toBe(10);
      expect(await moneyOf(api, admin, customer.id)).toEqual({ budgetCents: 1_000, totalSpentCents: 0 });
    });

    it("does not let a customer cancel an approved order, nor anyone's but their own", async () => {
      const product = await createProduct(api, admin, { priceCents: 100, stock: 10 });
      const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
      const other = await createCustomer(api, admin, { budgetCents: 1_000 });
      const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
      await waitForDecision(api, customer.token, placed.id);
      expect(
        (await api.graphql(`mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: placed.id }, customer.token))
          .errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
      expect(
        (await api.graphql(`mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: placed.id }, other.token))
          .errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
      expect(
        (await api.graphql(`query($id: ID!) { order(id: $id) { id } }`, { id: placed.id }, other.token)).errors?.[0]
          ?.extensions?.code,
      ).toBe("FORBIDDEN");
      const list = await must<{ orders: { nodes: { id: string }[] } }>(
        api,
        "{ orders(first: 100) { nodes { id } } }",
        {},
        other.token,
      );
      expect(list.orders.nodes.map((n) => n.id)).not.toContain(placed.id);
    });
  });

  it("ships and delivers an approved order, in that order only", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 2 }]);
    await waitForDecision(api, customer.token, placed.id);
    const fulfil = (status: string) =>
      api.graphql<{ setFulfilmentStatus: { status: string } }>(
        `mutation($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { status } }`,
        { id: placed.id, s: status },
        admin,
      );

    expect((await fulfil("DELIVERED")).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await fulfil("SHIPPED")).data?.setFulfilmentStatus.status).toBe("SHIPPED");
    expect((await fulfil("SHIPPED")).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await fulfil("DELIVERED")).data?.setFulfilmentStatus.status).toBe("DELIVERED");
    expect((await fulfil("APPROVED")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(
      (await api.graphql(`mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: placed.id }, admin)).errors?.[0]
        ?.extensions?.code,
    ).toBe("CONFLICT");
    expect(await stockOf(api, admin, product)).toBe(8);
    expect(await moneyOf(api, admin, customer.id)).toEqual({ budgetCents: 800, totalSpentCents: 200 });
  });

  describe("idempotency", () => {
    it("returns the first order for the same key and lines, also when retries race", async () => {
      const product = await createProduct(api, admin, { priceCents: 100, stock: 100 });
      const customer = await createCustomer(api, admin, { budgetCents: 100_000 });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          placeOrder(api, customer.token, [{ productId: product, quantity: 1 }], { idempotencyKey: "checkout-42" }),
        ),
      );
      expect(new Set(results.map((o) => o.id)).size).toBe(1);
      const list = await must<{ orders: { totalCount: number } }>(api, "{ orders { totalCount } }", {}, customer.token);
      expect(list.orders.totalCount).toBe(1);
    });

    it("says CONFLICT for the same key with other lines", async () => {
      const product = await createProduct(api, admin, { priceCents: 100, stock: 100 });
      const customer = await createCustomer(api, admin, { budgetCents: 100_000 });
      await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }], { idempotencyKey: "k" });
      const response = await api.graphql(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        { input: { items: [{ productId: product, quantity: 2 }], idempotencyKey: "k" } },
        customer.token,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    });
  });

  it("lets an admin order for a customer, but not a customer for another", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 100 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const other = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, admin, [{ productId: product, quantity: 1 }], { customerId: customer.id });
    expect(
      (
        await must<{ order: { customer: { id: string } } }>(
          api,
          `query($id: ID!) { order(id: $id) { customer { id } } }`,
          { id: placed.id },
          customer.token,
        )
      ).order.customer.id,
    ).toBe(customer.id);
    const response = await api.graphql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      { input: { items: [{ productId: product, quantity: 1 }], customerId: other.id } },
      customer.token,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses to place an order for a deleted product", async () => {
    const product = await createProduct(api, admin, { name: "Doomed", priceCents: 100, stock: 0 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: product }, admin);
    const response = await api.graphql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      { input: { items: [{ productId: product, quantity: 1 }] } },
      customer.token,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("lists a customer's orders on User.orders, filtered by status", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 100 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await waitForDecision(api, customer.token, placed.id);
    const { me } = await must<{ me: { orders: { totalCount: number; nodes: OrderRow[] } } }>(
      api,
      `{ me { orders(status: [APPROVED]) { totalCount nodes { ${ORDER_FIELDS} } } } }`,
      {},
      customer.token,
    );
    expect(me.orders.totalCount).toBe(1);
    expect(me.orders.nodes[0]?.id).toBe(placed.id);
  });

  it("places random orders only for load-test accounts, marked generated, and leaves real customers alone", async () => {
    await createProduct(api, admin, { name: "Load tested", priceCents: 100, stock: 1_000 });
    const real = await createCustomer(api, admin, { budgetCents: 5_000 });
    const { generateRandomOrders } = await must<{ generateRandomOrders: number }>(
      api,
      `mutation { generateRandomOrders(count: 40) }`,
      {},
      admin,
    );
    expect(generateRandomOrders).toBe(40);
    const db = mongoose.connection.db!;
    const generated = await db.collection("orders").find({ generated: true }).toArray();
    expect(generated).toHaveLength(40);
    const testIds = new Set(
      (await db.collection("users").find({ testAccount: true }).toArray()).map((u) => String(u["_id"])),
    );
    expect(testIds.size).toBe(12);
    expect(generated.every((o) => testIds.has(String(o["customerId"])))).toBe(true);

    const mine = await must<{ me: { budgetCents: number; orders: { totalCount: number } } }>(
      api,
      `{ me { budgetCents orders { totalCount } } }`,
      {},
      real.token,
    );
    expect(mine.me).toEqual({ budgetCents: 5_000, orders: { totalCount: 0 } });

    const list = (includeTestAccounts?: boolean) =>
      must<{ users: { nodes: Array<{ email: string; testAccount: boolean }> } }>(
        api,
        `query($f: UserFilter) { users(first: 100, filter: $f) { nodes { email testAccount } } }`,
        { f: includeTestAccounts === undefined ? null : { includeTestAccounts } },
        admin,
      );
    expect((await list()).users.nodes.some((u) => u.testAccount)).toBe(false);
    expect((await list(true)).users.nodes.filter((u) => u.testAccount)).toHaveLength(12);
    // A load-test account cannot log in, whatever the password.
    const attempt = await api.graphql(`mutation($i: LoginInput!) { login(input: $i) { token } }`, {
      i: { email: "load-test-1@orderflow.invalid", password: "!" },
    });
    expect(attempt.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    await waitForDrain(db, 30_000);
  });

  it("cancels a deleted customer's pending orders", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 100 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: customer.id }, admin);
    const { order } = await must<{ order: { status: string } }>(
      api,
      `query($id: ID!) { order(id: $id) { status } }`,
      { id: placed.id },
      admin,
    );
    expect(["CANCELLED", "APPROVED", "REJECTED"]).toContain(order.status);
  });
});

describe("orders whose product is deleted while they wait", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    // Each order pauses 400 ms after it is claimed: time to delete its product meanwhile.
    api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_DELAY_MS: "400" } });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    expect(await checkInvariants(mongoose.connection.db!, { drained: true })).toEqual([]);
    await api.stop();
  });

  it("rejects the pending order with a reason, and approved orders keep their snapshot", async () => {
    const kept = await createProduct(api, admin, { name: "Keeper", priceCents: 300, stock: 10 });
    const doomed = await createProduct(api, admin, { name: "Doomed", priceCents: 100, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const approved = await placeOrder(api, customer.token, [{ productId: kept, quantity: 1 }]);
    expect((await waitForDecision(api, customer.token, approved.id)).status).toBe("APPROVED");

    const pending = await placeOrder(api, customer.token, [{ productId: doomed, quantity: 1 }]);
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: doomed }, admin);
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: kept }, admin);
    const decided = await waitForDecision(api, customer.token, pending.id);
    expect(decided.status).toBe("REJECTED");
    expect(decided.reason).toBe('Product "Doomed" no longer exists.');

    const { order } = await must<{
      order: {
        status: string;
        items: Array<{ product: null | { id: string }; productName: string; unitPriceCents: number }>;
      };
    }>(
      api,
      `query($id: ID!) { order(id: $id) { status items { product { id } productName unitPriceCents } } }`,
      { id: approved.id },
      customer.token,
    );
    expect(order).toEqual({
      status: "APPROVED",
      items: [{ product: null, productName: "Keeper", unitPriceCents: 300 }],
    });
  });
});

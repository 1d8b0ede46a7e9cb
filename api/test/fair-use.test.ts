import { ManualClock } from "../src/clock";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createProduct } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;

/** Fair use of the queue: per-caller token buckets and a cap on a customer's waiting orders. */
describe("fair use: placement limits", () => {
  let api: TestApp;
  let admin: string;
  let product: string;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    api = await startTestApp({
      env: { ...ADMIN_ENV, ORDER_RATE_PER_MIN: "60", ORDER_BURST: "3", MAX_WAITING_ORDERS: "4" },
      scheduler: { enabled: false },
      clock,
    });
    admin = (await loginAdmin(api)).token;
    product = await createProduct(api, admin, { priceCents: 100, stock: 1000 });
  });
  afterAll(async () => {
    await api.stop();
  });

  const place = (token: string, extra: Record<string, unknown> = {}) =>
    api.graphql<{ placeOrder: { id: string } }>(
      PLACE,
      { input: { items: [{ productId: product, quantity: 1 }], ...extra } },
      token,
    );

  it("refuses a customer past the burst with TOO_MANY_REQUESTS and the seconds to wait; the bucket refills", async () => {
    const flooder = await createCustomer(api, admin, { budgetCents: 100_000 });
    const other = await createCustomer(api, admin, { budgetCents: 100_000 });
    for (let i = 0; i < 3; i++) expect((await place(flooder.token)).errors).toBeUndefined();
    const refused = await place(flooder.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSec: 1 });
    expect(refused.errors?.[0]?.message).toMatch(/too quickly/);
    // Another customer's bucket is their own.
    expect((await place(other.token)).errors).toBeUndefined();
    clock.advance(1_000); // one order a second
    expect((await place(flooder.token)).errors).toBeUndefined();
    expect((await place(flooder.token)).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
  });

  it("caps a customer's waiting orders; decided or cancelled ones free their places", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 100_000 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(1_000);
      ids.push(
        (
          await must<{ placeOrder: { id: string } }>(
            api,
            PLACE,
            { input: { items: [{ productId: product, quantity: 1 }] } },
            customer.token,
          )
        ).placeOrder.id,
      );
    }
    clock.advance(5_000);
    const full = await place(customer.token);
    expect(full.errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSec: 5 });
    expect(full.errors?.[0]?.message).toMatch(/4 orders waiting to be decided/);
    await must(api, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: ids[0] }, customer.token);
    // Found full, the list is believed full for a second without looking again (a flood's refusals
    // cost no database command); then the cancelled order's place is free.
    expect((await place(customer.token)).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    clock.advance(1_000);
    expect((await place(customer.token)).errors).toBeUndefined();
    expect((await place(customer.token)).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
  });

  it("lets a refused request through later with the same idempotency key, placed once", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 100_000 });
    clock.advance(10_000);
    for (let i = 0; i < 3; i++) await place(customer.token);
    const key = { idempotencyKey: "fair-use-retry" };
    expect((await place(customer.token, key)).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    clock.advance(1_000);
    const first = await place(customer.token, key);
    const again = await place(customer.token, key);
    expect(first.data?.placeOrder.id).toBeDefined();
    expect(again.data?.placeOrder.id).toBe(first.data?.placeOrder.id);
  });

  it("gives admins a bucket of their own, ten times a customer's", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 1_000_000 });
    clock.advance(60_000);
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await place(admin, { customerId: customer.id }));
    expect(results.slice(0, 30).every((r) => r.errors === undefined)).toBe(true);
    expect(results[30].errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
  });

  it("limits generateRandomOrders to 10,000 orders at once and 20,000 a minute", async () => {
    clock.advance(60_000);
    const generate = (n: number) => api.graphql(`mutation($n: Int!) { generateRandomOrders(count: $n) }`, { n }, admin);
    expect((await generate(10_000)).errors).toBeUndefined();
    const refused = await generate(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    clock.advance(30_000);
    expect((await generate(1)).errors).toBeUndefined();
  }, 60_000);
});

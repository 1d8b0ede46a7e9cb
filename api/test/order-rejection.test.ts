import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { invariantsWhenQuiet } from "./helpers/invariants";
import { listen, settle, until } from "./helpers/live";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Rejection {
  code: string;
  productId: string | null;
  productName: string | null;
  requestedQuantity: number | null;
  availableQuantity: number | null;
  requiredCents: number | null;
  availableCents: number | null;
}
interface Decided {
  id: string;
  status: string;
  reason: string | null;
  rejection: Rejection | null;
}

const FIELDS = `id status reason rejection {
  code productId productName requestedQuantity availableQuantity requiredCents availableCents
}`;
const NONE = {
  productId: null,
  productName: null,
  requestedQuantity: null,
  availableQuantity: null,
  requiredCents: null,
  availableCents: null,
};

describe("Order.rejection: why an order was rejected, for programs", () => {
  let api: TestApp;
  let admin: string;

  /** The order as the admin reads it once the scheduler has decided it. */
  async function decided(id: string): Promise<Decided> {
    await waitForDecision(api, admin, id);
    return (await must<{ order: Decided }>(api, `query($id: ID!) { order(id: $id) { ${FIELDS} } }`, { id }, admin))
      .order;
  }

  beforeAll(async () => {
    // Each order pauses 300 ms once claimed: time to delete its product or customer meanwhile.
    api = await startTestApp({ env: { ...ADMIN_ENV, SCHEDULER_DELAY_MS: "300" } });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    expect(await invariantsWhenQuiet(mongoose.connection.db!)).toEqual([]);
    await api.stop();
  });

  it("gives the product and both quantities when stock is short, as the reason words them", async () => {
    const product = await createProduct(api, admin, { name: "Rare Gem", priceCents: 100, stock: 2 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 3 }]);
    expect(await decided(placed.id)).toEqual({
      id: placed.id,
      status: "REJECTED",
      reason: 'Not enough stock for "Rare Gem": 3 wanted, 2 available.',
      rejection: {
        ...NONE,
        code: "INSUFFICIENT_STOCK",
        productId: product,
        productName: "Rare Gem",
        requestedQuantity: 3,
        availableQuantity: 2,
      },
    });
  });

  it("gives the cost and the available budget in cents, on the order and in its orderUpdated event", async () => {
    const product = await createProduct(api, admin, { priceCents: 4_790, stock: 5 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const feed = listen<Decided>(api.wsClient(customer.token), `subscription { orderUpdated { ${FIELDS} } }`);
    await settle();
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    const rejection = { ...NONE, code: "INSUFFICIENT_BUDGET", requiredCents: 4_790, availableCents: 1_000 };
    expect(await decided(placed.id)).toMatchObject({
      status: "REJECTED",
      reason: "Insufficient budget: the order costs 4790 cents, 1000 cents are available.",
      rejection,
    });
    await until(() => feed.events.some((e) => e.status === "REJECTED"));
    expect(feed.events.find((e) => e.status === "REJECTED")?.rejection).toEqual(rejection);
    expect(feed.events.filter((e) => e.status !== "REJECTED").map((e) => e.rejection)).toEqual([null, null]);
    feed.stop();
  });

  it("names the product deleted before the order was processed", async () => {
    const product = await createProduct(api, admin, { name: "Doomed", priceCents: 100, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: product }, admin);
    expect((await decided(placed.id)).rejection).toEqual({
      ...NONE,
      code: "PRODUCT_DELETED",
      productId: product,
      productName: "Doomed",
    });
  });

  it("says CUSTOMER_DELETED for the orders of a deleted customer", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: customer.id }, admin);
    expect(await decided(placed.id)).toMatchObject({
      status: "REJECTED",
      reason: "The customer's account was deleted.",
      rejection: { ...NONE, code: "CUSTOMER_DELETED" },
    });
  });

  it("is null on an approved order", async () => {
    const product = await createProduct(api, admin, { priceCents: 100, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 10_000 });
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    expect(await decided(placed.id)).toMatchObject({ status: "APPROVED", reason: null, rejection: null });
  });
});

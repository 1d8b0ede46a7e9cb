import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { eventually } from "./helpers/live";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Entry {
  message: string;
  orderId: string | null;
  productId: string | null;
  userId: string | null;
}

describe("the event log shows amounts as money", () => {
  let api: TestApp;
  let admin: string;

  /** The messages of the newest entries about `id` (a user, product or order), oldest first. */
  async function messagesAbout(id: string): Promise<string[]> {
    const { logs } = await must<{ logs: { nodes: Entry[] } }>(
      api,
      `query { logs(first: 100) { nodes { message orderId productId userId } } }`,
      {},
      admin,
    );
    return logs.nodes
      .filter((e) => [e.orderId, e.productId, e.userId].includes(id))
      .map((e) => e.message)
      .reverse();
  }

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  it("words a customer's budget when added, set and adjusted", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    await must(
      api,
      `mutation($id: ID!) { setBudget(userId: $id, budgetCents: 479000) { id } }`,
      { id: customer.id },
      admin,
    );
    await must(
      api,
      `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: -790) { id } }`,
      { id: customer.id },
      admin,
    );
    expect((await messagesAbout(customer.id)).filter((m) => !m.endsWith(" logged in"))).toEqual([
      `Customer ${customer.email} added (STANDARD, budget $10.00)`,
      `Budget of ${customer.email} set to $4,790.00`,
      `Budget of ${customer.email} adjusted by -$7.90`,
    ]);
  });

  it("words a product's price, and an order's total and budget shortfall", async () => {
    const product = await createProduct(api, admin, { name: "Brass lamp", priceCents: 1_999, stock: 5 });
    expect(await messagesAbout(product)).toEqual(['Product "Brass lamp" created ($19.99, 5 in stock)']);

    const rich = await createCustomer(api, admin, { budgetCents: 10_000 });
    const approved = await placeOrder(api, rich.token, [{ productId: product, quantity: 1 }]);
    expect((await waitForDecision(api, rich.token, approved.id)).status).toBe("APPROVED");
    const poor = await createCustomer(api, admin, { budgetCents: 1_000 });
    const rejected = await placeOrder(api, poor.token, [{ productId: product, quantity: 1 }]);
    expect((await waitForDecision(api, poor.token, rejected.id)).status).toBe("REJECTED");

    // Decisions' entries are written in the background, a moment after the decision.
    const both = (id: string) =>
      eventually(
        () => messagesAbout(id),
        (messages) => messages.length >= 2,
      );
    expect(await both(approved.id)).toEqual([
      `Order ${approved.id} placed: 1 line(s), $19.99`,
      `Order ${approved.id} approved: $19.99`,
    ]);
    expect(await both(rejected.id)).toEqual([
      `Order ${rejected.id} placed: 1 line(s), $19.99`,
      `Order ${rejected.id} rejected: Insufficient budget: the order costs $19.99, $10.00 are available.`,
    ]);
  });
});

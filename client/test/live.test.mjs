// What an open tab shows right: a rejection's reason, worded by the client with money formatting.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, startStack } from "./harness.mjs";

const PASSWORD = "violet ladder mountain 42";
let stack;
let adminToken;

before(async () => {
  stack = await startStack();
  adminToken = await stack.adminToken();
});
after(async () => {
  await stack?.stop();
});

/** An admin-made customer, logged in: `{ id, email, token }`. */
async function customer(name, email, input = {}) {
  const { createCustomer } = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name, email, password: PASSWORD, ...input } },
    adminToken,
  );
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email, password: PASSWORD },
  });
  return { id: createCustomer.id, email, token: login.token };
}

test("a rejected order's reason is worded from its code, with the amounts as money", async () => {
  const rita = await customer("Rita Rejected", "rita@example.com", { budgetCents: 0 });
  const { createProduct } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Brass lamp", priceCents: 4_790, stock: 5 } },
    adminToken,
  );
  const { placeOrder } = await stack.graphql(
    "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
    { i: { items: [{ productId: createProduct.id, quantity: 1 }] } },
    rita.token,
  );
  const page = await pageAs(stack, rita.token);
  await page.goto(`${stack.url}/orders`);
  const row = page.locator(`[data-testid="order-row"][data-order-id="${placeOrder.id}"]`);
  const reason = row.getByTestId("order-reason");
  await reason.waitFor({ timeout: 20_000 });
  assert.equal(await reason.textContent(), "Not enough budget: the order costs $47.90, and $0.00 was available.");
  assert.doesNotMatch(await row.textContent(), /cents/);
  await page.close();
});

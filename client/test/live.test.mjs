// What reaches an open tab without a click: an admin's change to a customer's tier and budget
// (the profile and the navigation's star); and a rejection's reason, worded by the client with
// money formatting.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, startStack } from "./harness.mjs";

const WAIT = { timeout: 10_000 };
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

/** Marks the page's document, so a reload (which would drop the mark) is told apart from a live update. */
async function markDocument(page) {
  await page.evaluate(() => {
    window.__notReloaded = true;
  });
  return async () => assert.equal(await page.evaluate(() => window.__notReloaded), true, "the page was reloaded");
}

test("an admin's change of tier and budget reaches the customer's open profile and the navigation's star", async () => {
  const ada = await customer("Ada Live", "ada.live@example.com", { budgetCents: 1_000 });
  const page = await pageAs(stack, ada.token);
  await page.goto(`${stack.url}/profile`);
  const details = page.getByTestId("profile-details");
  const balance = page.getByTestId("profile-balance");
  const nav = page.getByTestId("nav-viewer");
  await details.getByText("Standard").waitFor(WAIT);
  await balance.getByText("$10.00").waitFor(WAIT);
  assert.doesNotMatch(await nav.textContent(), /⭐/);
  const notReloaded = await markDocument(page);

  await stack.graphql("mutation($id: ID!) { setTier(userId: $id, tier: PREMIUM) { id } }", { id: ada.id }, adminToken);
  await details.getByText("Premium ⭐").waitFor(WAIT);
  await nav.getByText("Ada Live ⭐").waitFor(WAIT);
  await stack.graphql(
    "mutation($id: ID!) { setBudget(userId: $id, budgetCents: 4790) { id } }",
    { id: ada.id },
    adminToken,
  );
  await balance.getByText("$47.90").waitFor(WAIT);
  await notReloaded();
  await page.close();
});

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

// What reaches an open tab without a click: an admin's change to a customer's tier and budget
// (the profile and the navigation's star), the end of a session revoked elsewhere (the tab goes to
// the login page at once), and a rejection's reason, worded by the client with money formatting.
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

test("a password change in the tab keeps its session; a session revoked elsewhere ends in the idle tab at once", async (t) => {
  const alan = await customer("Alan Idle", "alan.idle@example.com");
  const page = await pageAs(stack, alan.token);
  await page.goto(`${stack.url}/profile`);
  await page.getByTestId("profile-details").waitFor(WAIT);

  // The API closes the old session's sockets while the tab changes its own password: not an end.
  const fresh = "copper kettle sunrise 77";
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(fresh);
  await page.getByLabel("Confirm new password").fill(fresh);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("status").getByText("Your password has been changed.").waitFor(WAIT);
  await page.waitForTimeout(1_500);
  assert.equal(new URL(page.url()).pathname, "/profile");
  const token = await page.evaluate(() => localStorage.getItem("orderflow.token"));
  assert.ok(token && token !== alan.token, "the tab keeps the fresh token");
  // The live feed comes back on the fresh token (after graphql-ws's retry pause), missing nothing.
  await stack.graphql("mutation($id: ID!) { setTier(userId: $id, tier: PREMIUM) { id } }", { id: alan.id }, adminToken);
  await page.getByTestId("profile-details").getByText("Premium ⭐").waitFor({ timeout: 20_000 });

  // Elsewhere (another device with the same session) logs out; the tab is left alone, no click.
  const revokedAt = Date.now();
  await stack.graphql("mutation { logout }", {}, token);
  await page.waitForURL((url) => url.pathname === "/login", { timeout: 5_000 });
  t.diagnostic(`the idle tab reached /login ${Date.now() - revokedAt} ms after the logout elsewhere`);
  await page.getByRole("status").getByText("It was ended elsewhere").waitFor(WAIT);
  assert.equal(await page.evaluate(() => localStorage.getItem("orderflow.token")), null);
  assert.equal(await page.getByTestId("profile-details").count(), 0);
  await page.close();

  // A tab opened later with the revoked token learns it from its first request.
  const later = await pageAs(stack, token);
  await later.getByRole("status").getByText("Your session has ended. Please log in again.").waitFor(WAIT);
  assert.equal(new URL(later.url()).pathname, "/login");
  await later.close();
});

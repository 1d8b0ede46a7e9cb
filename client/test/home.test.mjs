// The home page by role in a real browser: a welcome for visitors, the budget and the latest orders
// (live) for customers, and the dashboard's headline figures (live) for admins.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

const WAIT = { timeout: 15_000 };
let stack;
let adminToken;
let customerToken;
let product;

before(async () => {
  stack = await startStack({ SCHEDULER_DELAY_MS: "400" });
  adminToken = await stack.adminToken();
  ({ createProduct: product } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Tea tin", priceCents: 1_000, stock: 100 } },
    adminToken,
  ));
  const customer = { name: "Hal Home", email: "hal@example.com", password: "correct horse battery" };
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { ...customer, budgetCents: 50_000, tier: "PREMIUM" } },
    adminToken,
  );
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email: customer.email, password: customer.password },
  });
  customerToken = login.token;
});
after(async () => {
  await stack?.stop();
});

const placeOrder = async (quantity) =>
  (
    await stack.graphql(
      "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
      { i: { items: [{ productId: product.id, quantity }] } },
      customerToken,
    )
  ).placeOrder.id;

/** Waits until `read()` returns `expected`, polling; fails with the last value. */
async function eventually(read, expected, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (last === expected) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.equal(last, expected);
}

test("a visitor is welcomed with the ways to log in and register", async () => {
  const page = await pageAs(stack);
  const main = page.getByRole("main");
  await main.getByRole("heading", { name: "Welcome to OrderFlow", level: 1 }).waitFor(WAIT);
  await main.getByRole("link", { name: "Log in" }).waitFor();
  await main.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(`${stack.url}/register`);
  await page.goBack();
  await page.getByTestId("readiness").getByText("OrderFlow is online.").waitFor(WAIT);
  assert.doesNotMatch(await main.textContent(), /database|Session|Not logged in/);
  await screenshotBothThemes(page, "home-visitor");
  await page.close();
});

test("a customer sees their budget and latest five orders change live, and the way to order", async () => {
  const page = await pageAs(stack, customerToken);
  await page.getByTestId("home-budget").getByText("$500.00").waitFor(WAIT);
  await page.getByTestId("recent-orders-empty").waitFor(WAIT);
  for (let i = 1; i <= 5; i += 1) await placeOrder(1);
  const rows = page.getByTestId("recent-order");
  await eventually(() => rows.count(), 5);
  await page.getByTestId("home-budget").getByText("$450.00").waitFor({ timeout: 30_000 });

  // A sixth order appears on top, live, pushes the oldest out, and goes to APPROVED before our eyes.
  const newest = await placeOrder(3);
  const row = page.locator(`[data-testid="recent-order"][data-order-id="${newest}"]`);
  await row.waitFor(WAIT);
  const seen = [];
  const deadline = Date.now() + 20_000;
  while (seen.at(-1) !== "APPROVED" && Date.now() < deadline) {
    const text = (await row.getByTestId("order-status").textContent())?.trim();
    if (text && seen.at(-1) !== text) seen.push(text);
    await page.waitForTimeout(50);
  }
  assert.equal(seen.at(-1), "APPROVED", `saw ${seen.join(" → ")}`);
  assert.ok(["PENDING", "PROCESSING"].includes(seen[0]), `the order first showed ${seen[0]}: not a live change`);
  assert.match(await row.textContent(), /3 × Tea tin/);
  await page.getByTestId("home-budget").getByText("$420.00").waitFor(WAIT);
  const { orders } = await stack.graphql("{ orders(first: 5) { nodes { id } } }", {}, customerToken);
  assert.deepEqual(
    await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-order-id"))),
    orders.nodes.map((order) => order.id),
  );
  await screenshotBothThemes(page, "home-customer");
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll");

  await page.getByRole("main").getByRole("link", { name: "Order from the products" }).click();
  await page.getByRole("heading", { name: "Products" }).waitFor(WAIT);
  await page.close();
});

test("a change to an older order does not push it into the customer's recent orders", async () => {
  const customer = { name: "Olga Older", email: "olga@example.com", password: "correct horse battery" };
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { ...customer, budgetCents: 50_000 } },
    adminToken,
  );
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email: customer.email, password: customer.password },
  });
  const ids = [];
  for (let i = 0; i < 6; i += 1)
    ids.push(
      (
        await stack.graphql(
          "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
          { i: { items: [{ productId: product.id, quantity: 1 }] } },
          login.token,
        )
      ).placeOrder.id,
    );
  const approved = async () =>
    (await stack.graphql("{ orders(first: 10, filter: { status: [APPROVED] }) { totalCount } }", {}, login.token))
      .orders.totalCount;
  await eventually(approved, 6);
  const page = await pageAs(stack, login.token);
  const rows = page.getByTestId("recent-order");
  await eventually(() => rows.count(), 5);
  const listed = () => rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-order-id")));
  const before = await listed();
  assert.ok(!before.includes(ids[0]), "the oldest order is not among the five latest");

  // The oldest order changes, then the newest: once the newest shows it, the oldest's event came too.
  const ship = (id) =>
    stack.graphql("mutation($id: ID!) { setFulfilmentStatus(id: $id, status: SHIPPED) { id } }", { id }, adminToken);
  await ship(ids[0]);
  await ship(ids[5]);
  await page
    .locator(`[data-testid="recent-order"][data-order-id="${ids[5]}"]`)
    .getByTestId("order-status")
    .getByText("SHIPPED")
    .waitFor(WAIT);
  assert.deepEqual(await listed(), before);
  await page.close();
});

test("an admin sees the dashboard's headline figures, the API's own, kept live", async () => {
  const figures = async () =>
    (
      await stack.graphql(
        "{ dashboard { customerCount premiumCustomerCount productCount orderCount revenueCents } }",
        {},
        adminToken,
      )
    ).dashboard;
  const page = await pageAs(stack, adminToken);
  const stat = async (name) => (await page.getByTestId(`stat-${name}`).textContent())?.trim();
  await page.getByTestId("stat-orders").waitFor(WAIT);
  const api = await figures();
  await eventually(() => stat("orders"), String(api.orderCount));
  assert.equal(await stat("customers"), String(api.customerCount));
  assert.equal(await stat("products"), String(api.productCount));
  const revenue = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(api.revenueCents / 100);
  assert.equal(await stat("revenue"), revenue);
  assert.match(await page.getByRole("main").textContent(), new RegExp(`${api.premiumCustomerCount} premium`));
  await screenshotBothThemes(page, "home-admin-figures");

  // A new order counts without a reload.
  await placeOrder(1);
  await eventually(() => stat("orders"), String(api.orderCount + 1));
  await page.getByRole("main").getByRole("link", { name: "Open the dashboard" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor(WAIT);
  await page.close();
});

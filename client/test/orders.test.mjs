// Orders in a real browser: a customer places an order with the form and watches the scheduler
// approve it live, an admin sees it arrive live, and the dashboard draws its charts and drains a
// generated backlog.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

let stack;
let adminToken;
let customerToken;
let product;
let customerId;
const customer = { email: "olivia@example.com", password: "correct horse battery", name: "Olivia Orders" };

before(async () => {
  stack = await startStack({ SCHEDULER_DELAY_MS: "400" });
  adminToken = await stack.adminToken();
  ({ createProduct: product } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id name priceCents stock } }",
    { i: { name: "Walnut desk", description: "Solid walnut", priceCents: 12_500, stock: 50 } },
    adminToken,
  ));
  const { createCustomer } = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { ...customer, budgetCents: 1_000_000, tier: "PREMIUM" } },
    adminToken,
  );
  customerId = createCustomer.id;
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email: customer.email, password: customer.password },
  });
  customerToken = login.token;
});
after(async () => {
  await stack?.stop();
});

/** Polls the badge of one order row and returns every status it showed until `final`. */
async function watchStatus(page, orderId, final, timeout = 20_000) {
  const badge = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"] [data-testid="order-status"]`);
  const seen = [];
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const text = (await badge.textContent({ timeout: 5_000 }))?.trim();
    if (text && seen.at(-1) !== text) seen.push(text);
    if (text === final) return { seen, className: await badge.getAttribute("class") };
    await page.waitForTimeout(50);
  }
  assert.fail(`order ${orderId} never became ${final}; saw ${seen.join(" → ")}`);
}

test("a customer places an order with the form and sees it approved live; the admin sees it arrive live", async () => {
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/orders`);
  await admin.getByRole("heading", { name: "Orders" }).waitFor({ timeout: 15_000 });
  await admin.getByTestId("orders-empty").waitFor({ timeout: 15_000 });

  const page = await pageAs(stack, customerToken);
  await page.goto(`${stack.url}/orders/new`);
  await page.getByRole("heading", { name: "Place an order" }).waitFor({ timeout: 15_000 });
  await page.getByLabel("Product (line 1)").selectOption(product.id);
  await page.getByLabel("Quantity (line 1)").fill("2");
  await page.getByTestId("order-total").getByText("$250.00").waitFor();
  await page.getByTestId("order-budget").getByText("$10,000.00").waitFor();
  assert.equal(await page.getByTestId("budget-warning").count(), 0);
  // Add and remove a line, with the keyboard-usable buttons.
  await page.getByRole("button", { name: "Add a line" }).click();
  assert.equal(await page.getByTestId("order-line").count(), 2);
  await page.getByRole("button", { name: "Remove line 2" }).click();
  assert.equal(await page.getByTestId("order-line").count(), 1);
  // Prices follow productUpdated live.
  await stack.graphql(
    "mutation($id: ID!, $i: ProductUpdateInput!) { updateProduct(id: $id, input: $i) { id } }",
    { id: product.id, i: { priceCents: 10_000 } },
    adminToken,
  );
  await page.getByTestId("order-total").getByText("$200.00").waitFor({ timeout: 10_000 });
  await screenshotBothThemes(page, "place-order");

  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(`${stack.url}/orders`, { timeout: 15_000 });
  const row = page.getByTestId("order-row").first();
  await row.waitFor({ timeout: 15_000 });
  const orderId = await row.getAttribute("data-order-id");
  assert.ok(orderId);
  const { seen, className } = await watchStatus(page, orderId, "APPROVED");
  assert.ok(seen.length >= 2, `expected a live change, saw ${seen.join(" → ")}`);
  assert.ok(["PENDING", "PROCESSING"].includes(seen[0]), `first status ${seen[0]}`);
  assert.match(className, /text-bg-success/);
  assert.match(await row.textContent(), /2 × Walnut desk/);
  await screenshotBothThemes(page, "orders-customer");

  // The admin's page, never reloaded, has the order too.
  const adminRow = admin.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await adminRow.waitFor({ timeout: 15_000 });
  await watchStatus(admin, orderId, "APPROVED");
  assert.match(await adminRow.textContent(), /Olivia Orders/);
  await screenshotBothThemes(admin, "orders-admin");

  // The scheduler's priority is an admin's figure: customers do not see it.
  assert.equal(await page.getByRole("columnheader", { name: "Priority" }).count(), 0);
  assert.equal(await admin.getByRole("columnheader", { name: "Priority" }).count(), 1);

  // The customer cannot cancel an approved order; the admin can ship it.
  assert.equal(await row.getByRole("button", { name: "Cancel" }).count(), 0);
  await adminRow.getByRole("button", { name: "Ship" }).click();
  await watchStatus(admin, orderId, "SHIPPED");
  await watchStatus(page, orderId, "SHIPPED");
  await page.close();
  await admin.close();
});

test("a customer with no budget sees it in the order form, and is warned before placing the order", async () => {
  const { createCustomer } = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Nora Newcomer", email: "nora@example.com", password: customer.password } },
    adminToken,
  );
  assert.ok(createCustomer.id);
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email: "nora@example.com", password: customer.password },
  });
  const page = await pageAs(stack, login.token);
  await page.goto(`${stack.url}/orders/new`);
  await page.getByTestId("order-budget").getByText("$0.00").waitFor({ timeout: 15_000 });
  await page.getByLabel("Product (line 1)").selectOption(product.id);
  const warning = page.getByTestId("budget-warning");
  await warning.waitFor();
  assert.match(await warning.textContent(), /costs \$[\d,.]+, but only \$0\.00 of budget is available/);
  await page.getByRole("button", { name: "Place order anyway" }).waitFor();
  await page.close();
});

test("an admin places an order for the customer they choose, and filters the list by customer", async () => {
  const other = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Otto Other", email: "otto@example.com", password: customer.password, budgetCents: 100_000 } },
    adminToken,
  );
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/orders/new`);
  await admin.getByLabel("Product (line 1)").selectOption(product.id);
  await admin.getByRole("button", { name: "Place order" }).click();
  await admin.getByRole("alert").getByText("Choose the customer.").waitFor({ timeout: 15_000 });
  await admin.getByLabel("Customer").selectOption({ label: "Otto Other (otto@example.com) — budget $1,000.00" });
  await admin.getByTestId("order-budget").getByText("$1,000.00").waitFor();
  await admin.getByRole("button", { name: "Add a line" }).click();
  await admin.getByLabel("Product (line 2)").selectOption(product.id);
  await admin.getByRole("button", { name: "Place order" }).click();
  await admin.getByRole("alert").getByText("Line 2: that product is already on another line.").waitFor();
  await admin.getByRole("button", { name: "Remove line 2" }).click();
  await admin.getByRole("button", { name: "Place order" }).click();
  await admin.waitForURL(`${stack.url}/orders`, { timeout: 15_000 });

  const { user } = await stack.graphql(
    "query($id: ID!) { user(id: $id) { orders { nodes { id } } } }",
    { id: other.createCustomer.id },
    adminToken,
  );
  assert.equal(user.orders.nodes.length, 1);
  const ottoRow = admin.locator(`[data-testid="order-row"][data-order-id="${user.orders.nodes[0].id}"]`);
  await ottoRow.waitFor({ timeout: 15_000 });
  await admin.getByLabel("Customer").selectOption({ label: "Olivia Orders (olivia@example.com)" });
  await ottoRow.waitFor({ state: "detached", timeout: 15_000 });
  await admin.getByTestId("order-row").first().waitFor({ timeout: 15_000 });
  for (const text of await admin.getByTestId("order-row").allTextContents()) assert.match(text, /Olivia Orders/);
  await admin.close();
});

test("the order count follows rows that leave the filter live", async () => {
  const place = () =>
    stack.graphql(
      "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
      { i: { items: [{ productId: product.id, quantity: 1 }] } },
      customerToken,
    );
  const ids = [(await place()).placeOrder.id, (await place()).placeOrder.id];
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/orders`);
  await admin.getByLabel("Approved").check();
  for (const id of ids)
    await admin.locator(`[data-testid="order-row"][data-order-id="${id}"]`).waitFor({ timeout: 20_000 });
  const count = async () => Number.parseInt((await admin.getByTestId("orders-count").textContent()) ?? "", 10);
  const before = await count();
  await stack.graphql(
    "mutation($id: ID!) { setFulfilmentStatus(id: $id, status: SHIPPED) { id } }",
    { id: ids[0] },
    adminToken,
  );
  await admin
    .locator(`[data-testid="order-row"][data-order-id="${ids[0]}"]`)
    .waitFor({ state: "detached", timeout: 15_000 });
  assert.equal(await count(), before - 1);
  await admin.close();
});

test("the dashboard draws its charts and a generated backlog drains to done", async () => {
  const page = await pageAs(stack, adminToken);
  await page.goto(`${stack.url}/dashboard`);
  await page.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 15_000 });
  await page.getByTestId("stat-orders").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("canvas").count(), 2);
  assert.ok(Number(await page.getByTestId("stat-orders").textContent()) > 0);
  assert.ok(Number(await page.getByTestId("stat-customers").textContent()) > 0);
  assert.ok(Number(await page.getByTestId("stat-products").textContent()) > 0);
  assert.notEqual(await page.getByTestId("stat-revenue").textContent(), "$0.00");
  await screenshotBothThemes(page, "dashboard");

  const realCustomer = () =>
    stack.graphql(
      "query($id: ID!) { user(id: $id) { budgetCents orders { totalCount } } }",
      { id: customerId },
      adminToken,
    );
  const realBefore = await realCustomer();
  let polls = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && /"operationName":"DashboardPage"/.test(request.postData() ?? "")) polls += 1;
  });
  await page.getByLabel("Number of random orders").fill("24");
  await page.getByRole("button", { name: "Generate 24 random orders" }).click();
  await page.getByTestId("generate-progress").waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="generate-progress"][data-done="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId("generate-progress").getAttribute("aria-valuenow"), "100");
  assert.ok(Number(await page.getByTestId("stat-orders").textContent()) >= 25);
  // The page polls only while the backlog drains: once done, the live feed alone keeps it current.
  assert.ok(polls > 0, "the dashboard polls while the backlog drains");
  await page.waitForTimeout(1_500);
  polls = 0;
  await page.waitForTimeout(3_500);
  assert.equal(polls, 0, "the dashboard still polls after the run is done");
  await screenshotBothThemes(page, "dashboard-generated");
  // Random orders go to load-test accounts only: the real customer's orders and budget are untouched.
  assert.deepEqual(await realCustomer(), realBefore);
  await page.goto(`${stack.url}/customers`);
  await page.getByRole("heading", { name: "Customers" }).waitFor({ timeout: 15_000 });
  await page.getByTestId("customer-row").first().waitFor({ timeout: 15_000 });
  assert.equal(await page.getByText("load test", { exact: true }).count(), 0, "hidden by default");
  await page.getByLabel("Show load-test accounts").check();
  await page.getByText("load test", { exact: true }).first().waitFor({ timeout: 15_000 });
  await page.goto(`${stack.url}/orders`);
  await page.getByText("generated", { exact: true }).first().waitFor({ timeout: 15_000 });
  await page.close();
});

test("an admin cancels an approved order with a reason, and the customer sees it live", async () => {
  // The random orders above may have used up the stock and budget: refill both so it is approved.
  await stack.graphql(
    "mutation($p: ID!, $u: ID!) { setStock(productId: $p, stock: 100) { id } setBudget(userId: $u, budgetCents: 1000000) { id } }",
    { p: product.id, u: customerId },
    adminToken,
  );
  const { placeOrder } = await stack.graphql(
    "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
    { i: { customerId, items: [{ productId: product.id, quantity: 1 }], idempotencyKey: "cancel-test" } },
    adminToken,
  );
  const customerPage = await pageAs(stack, customerToken);
  await customerPage.goto(`${stack.url}/orders`);
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/orders`);
  await admin.getByLabel("Approved").check();
  const row = admin.locator(`[data-testid="order-row"][data-order-id="${placeOrder.id}"]`);
  await row.waitFor({ timeout: 20_000 });
  await watchStatus(admin, placeOrder.id, "APPROVED");
  await row.getByRole("button", { name: "Cancel" }).click();
  await row.getByLabel("Cancellation reason").fill("Out of delivery area");
  await row.getByRole("button", { name: "Confirm cancel" }).click();
  // Filtered on APPROVED, the admin's list drops it; the customer's list shows it cancelled.
  await row.waitFor({ state: "detached", timeout: 15_000 });
  const { className } = await watchStatus(customerPage, placeOrder.id, "CANCELLED");
  assert.match(className, /text-bg-secondary/);
  await customerPage
    .locator(`[data-testid="order-row"][data-order-id="${placeOrder.id}"]`)
    .getByText("Out of delivery area")
    .waitFor();
  await customerPage.close();
  await admin.close();
});

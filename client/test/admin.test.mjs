// The admin pages in a real browser: products (add, stock slider, live to a customer), customers
// (add, budget, tier, delete) and the log panel (type filter, live feed).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

const TIMEOUT = { timeout: 15_000 };
let stack;
let adminToken;

before(async () => {
  stack = await startStack();
  adminToken = await stack.adminToken();
});
after(async () => {
  await stack?.stop();
});

/** Waits until `check()` resolves true (polling), or fails with `message`. */
async function eventually(check, message, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(message);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** A customer created through the API, logged in through the login mutation. */
async function customerToken(email) {
  const password = "a long customer password";
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Live Watcher", email, password, budgetCents: 10_000 } },
    adminToken,
  );
  const data = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email, password },
  });
  return data.login.token;
}

test("an admin adds a product, sets its stock with the slider, and a customer sees the change live", async () => {
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/products`);
  await admin.getByRole("heading", { name: "Products" }).waitFor(TIMEOUT);

  await admin.getByText("Add a product").click();
  const form = admin.getByRole("form", { name: "Add a product" });
  await form.getByLabel("Name").fill("Walnut desk");
  await form.getByLabel("Description").fill("Solid walnut, 140 cm");
  await form.getByLabel("Price ($)").fill("249.90");
  await form.getByLabel("Initial stock").fill("5");
  await form.getByRole("button", { name: "Add product" }).click();
  await form.getByRole("status").getByText("Added Walnut desk.").waitFor(TIMEOUT);
  const adminRow = admin.getByTestId("product-row").filter({ hasText: "Walnut desk" });
  await adminRow.getByText("$249.90").waitFor(TIMEOUT);
  await adminRow.getByText("5 in stock").waitFor(TIMEOUT);
  const productId = await adminRow.getAttribute("data-product-id");

  const customer = await pageAs(stack, await customerToken("watcher@example.com"));
  await customer.goto(`${stack.url}/products`);
  const customerRow = customer.getByTestId("product-row").filter({ hasText: "Walnut desk" });
  await customerRow.getByText("5 in stock").waitFor(TIMEOUT);
  assert.equal(await customerRow.getByTestId("stock-level").textContent(), "Only 5 left");
  assert.equal(await customer.getByRole("button", { name: "Edit" }).count(), 0, "customers cannot edit");
  await screenshotBothThemes(customer, "products-customer");
  const customerNavigations = [];
  customer.on("framenavigated", (frame) => {
    if (frame === customer.mainFrame()) customerNavigations.push(frame.url());
  });

  await adminRow.getByRole("button", { name: "Edit" }).click();
  const slider = adminRow.getByLabel("Stock (slider)");
  await slider.focus();
  for (let i = 0; i < 7; i += 1) await slider.press("ArrowRight");
  assert.equal(await adminRow.getByLabel("Stock (units)").inputValue(), "12");
  await screenshotBothThemes(admin, "products-admin");
  await adminRow.getByRole("button", { name: "Save stock" }).click();
  await adminRow.getByText("Stock saved: 12.").waitFor(TIMEOUT);
  const saved = await stack.graphql("query($id: ID!) { product(id: $id) { stock } }", { id: productId }, adminToken);
  assert.equal(saved.product.stock, 12);

  await customerRow.getByText("12 in stock").waitFor(TIMEOUT);
  assert.equal(await customerRow.getByTestId("stock-level").textContent(), "In stock");
  assert.deepEqual(customerNavigations, [], "the customer's page did not reload");

  // Sold out: said in words, not by an empty bar.
  await stack.graphql(
    "mutation($id: ID!) { setStock(productId: $id, stock: 0) { id } }",
    { id: productId },
    adminToken,
  );
  await customerRow.getByText("0 in stock").waitFor(TIMEOUT);
  assert.equal(await customerRow.getByTestId("stock-level").textContent(), "Out of stock");

  // A negative stock is refused with the API's message.
  await adminRow.getByLabel("Stock (units)").fill("-3");
  await adminRow.getByRole("button", { name: "Save stock" }).click();
  await adminRow.getByRole("alert").waitFor(TIMEOUT);

  // Deleting asks first, and the product leaves both lists.
  await adminRow.getByRole("button", { name: "Delete" }).click();
  const dialog = admin.getByRole("dialog", { name: "Delete product" });
  await dialog.waitFor(TIMEOUT);
  await admin.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await adminRow.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete product" }).click();
  await adminRow.waitFor({ state: "detached", ...TIMEOUT });
  await customerRow.waitFor({ state: "detached", ...TIMEOUT });

  await customer.close();
  await admin.close();
});

test("a product an admin adds appears on a customer's open Products page, without a reload", async () => {
  const customer = await pageAs(stack, await customerToken("browser@example.com"));
  await customer.goto(`${stack.url}/products`);
  await customer.getByRole("heading", { name: "Products" }).waitFor(TIMEOUT);
  await customer.getByText("Live", { exact: true }).waitFor(TIMEOUT);
  const navigations = [];
  customer.on("framenavigated", (frame) => {
    if (frame === customer.mainFrame()) navigations.push(frame.url());
  });
  await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Oak bookshelf", priceCents: 18_900, stock: 7 } },
    adminToken,
  );
  const row = customer.getByTestId("product-row").filter({ hasText: "Oak bookshelf" });
  await row.getByText("7 in stock").waitFor(TIMEOUT);
  assert.deepEqual(navigations, [], "the page did not reload");
  await customer.close();
});

test("an admin adds a customer, adjusts the budget, changes the tier and deletes the customer", async () => {
  const page = await pageAs(stack, adminToken);
  await page.goto(`${stack.url}/customers`);
  await page.getByRole("heading", { name: "Customers" }).waitFor(TIMEOUT);

  await page.getByText("Add a customer").click();
  const form = page.getByRole("form", { name: "Add a customer" });
  await form.getByLabel("Name").fill("Grace Hopper");
  await form.getByLabel("Email").fill("grace@example.com");
  await form.getByLabel("Password").fill("a long enough password");
  await form.getByLabel("Starting budget ($)").fill("100.00");
  await form.getByRole("button", { name: "Add customer" }).click();
  await form.getByRole("status").getByText("Added Grace Hopper.").waitFor(TIMEOUT);
  const row = page.getByTestId("customer-row").filter({ hasText: "grace@example.com" });
  await row.getByTestId("customer-budget").getByText("$100.00").waitFor(TIMEOUT);
  const userId = await row.getAttribute("data-user-id");

  await row.getByRole("button", { name: "Budget" }).click();
  await row.getByLabel("Adjust by").fill("25.50");
  await row.getByRole("button", { name: "Adjust" }).click();
  await row.getByTestId("customer-budget").getByText("$125.50").waitFor(TIMEOUT);

  await row.getByLabel("Tier of Grace Hopper").selectOption("PREMIUM");
  await row.getByRole("img", { name: "premium" }).waitFor(TIMEOUT);
  const changed = await stack.graphql(
    "query($id: ID!) { user(id: $id) { budgetCents tier } }",
    { id: userId },
    adminToken,
  );
  assert.deepEqual(changed.user, { budgetCents: 12_550, tier: "PREMIUM" });

  await page.getByLabel("Filter by tier").selectOption("PREMIUM");
  await row.waitFor(TIMEOUT);
  await screenshotBothThemes(page, "customers");
  await page.getByLabel("Filter by tier").selectOption("");

  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete customer" });
  await dialog.getByRole("button", { name: "Delete customer" }).click();
  await row.waitFor({ state: "detached", ...TIMEOUT });
  const users = await stack.graphql(
    'query { users(filter: { search: "grace@example.com" }) { nodes { id } } }',
    {},
    adminToken,
  );
  assert.deepEqual(users.users.nodes, []);
  await page.close();
});

test("the log panel filters by type and shows new entries live", async () => {
  const page = await pageAs(stack, adminToken);
  await page.goto(`${stack.url}/logs`);
  await page.getByRole("heading", { name: "Logs" }).waitFor(TIMEOUT);
  await page.getByTestId("log-row").first().waitFor(TIMEOUT);

  for (const type of ["Auth", "User", "Stock", "Order", "Scheduler", "System", "Error"])
    await page.getByLabel(type, { exact: true }).uncheck();
  await eventually(async () => {
    const types = await page.getByTestId("log-row").evaluateAll((rows) => rows.map((r) => r.dataset.logType));
    return types.length > 0 && types.every((type) => type === "PRODUCT");
  }, "only product entries are listed");

  await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Live log lamp", priceCents: 1999, stock: 3 } },
    adminToken,
  );
  await page.getByTestId("log-row").first().getByText('Product "Live log lamp" created').waitFor(TIMEOUT);

  // Entries of unticked types do not arrive.
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Quiet One", email: "quiet@example.com", password: "a long enough password" } },
    adminToken,
  );
  await new Promise((done) => setTimeout(done, 1_000));
  const types = await page.getByTestId("log-row").evaluateAll((rows) => rows.map((r) => r.dataset.logType));
  assert.ok(types.every((type) => type === "PRODUCT"));
  await screenshotBothThemes(page, "logs");
  await page.close();
});

test("an admin pages through the products with Load more, and a deleted one leaves the list at once", async () => {
  const names = Array.from({ length: 23 }, (_, i) => `Paged lamp ${String(i).padStart(2, "0")}`);
  for (const name of names) {
    await stack.graphql(
      "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
      { i: { name, priceCents: 1_000, stock: 3 } },
      adminToken,
    );
  }
  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/products`);
  const search = admin.getByRole("search");
  await search.getByRole("searchbox").fill("Paged lamp");
  await search.getByRole("button").click();
  const rows = admin.getByTestId("product-row");
  await eventually(async () => (await rows.count()) === 20, "the first page did not show 20 products");
  await admin.getByRole("button", { name: "Load more" }).click();
  await eventually(async () => (await rows.count()) === 23, "Load more did not add the last 3 products");
  const shown = await rows.evaluateAll((elements) =>
    elements.map((row) => row.textContent.match(/Paged lamp \d\d/)?.[0] ?? row.dataset.productId),
  );
  assert.deepEqual([...shown].sort(), [...names].sort(), "every product exactly once, across both pages");

  const doomed = rows.filter({ hasText: "Paged lamp 00" });
  await doomed.getByRole("button", { name: "Delete" }).click();
  await admin.getByRole("dialog", { name: "Delete product" }).getByRole("button", { name: "Delete product" }).click();
  await eventually(async () => (await rows.count()) === 22, "the deleted product stayed in the list");
  assert.equal(await rows.filter({ hasText: "Paged lamp 00" }).count(), 0);
  await admin.close();
});

/** The text of the elements that describe `locator` (its aria-describedby), or null without one. */
const description = (locator) =>
  locator.evaluate((element) => {
    const ids = element.getAttribute("aria-describedby");
    return ids
      ? ids
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
      : null;
  });

test("a mistyped product or budget is marked at its field, which names the reason", async () => {
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Fumble Fingers", email: "fumble@example.com", password: "a long enough password" } },
    adminToken,
  );
  const page = await pageAs(stack, adminToken);
  await page.goto(`${stack.url}/products`);
  await page.getByText("Add a product").click();
  const form = page.getByRole("form", { name: "Add a product" });
  await form.getByLabel("Price ($)").fill("12.5.0");
  await form.getByRole("button", { name: "Add product" }).click();
  const price = form.getByLabel("Price ($)");
  await form.getByText("Enter a price such as 12.50.").waitFor(TIMEOUT);
  assert.equal(await price.getAttribute("aria-invalid"), "true");
  assert.equal(await description(price), "Enter a price such as 12.50.");
  assert.equal(await description(form.getByLabel("Name")), "Enter a name.");
  assert.equal(await form.getByLabel("Description").getAttribute("aria-invalid"), null);

  await page.goto(`${stack.url}/customers`);
  const row = page.getByTestId("customer-row").filter({ hasText: "fumble@example.com" });
  await row.getByRole("button", { name: "Budget" }).click();
  const adjust = row.getByLabel("Adjust by");
  await adjust.fill("lots");
  await row.getByRole("button", { name: "Adjust" }).click();
  await row.getByText("Enter an amount such as 25.00 or -10.00.").waitFor(TIMEOUT);
  assert.equal(await adjust.getAttribute("aria-invalid"), "true");
  assert.equal(await description(adjust), "Enter an amount such as 25.00 or -10.00.");
  await adjust.fill("5.00");
  await row.getByRole("button", { name: "Adjust" }).click();
  await row.getByRole("status").getByText("Budget adjusted to $5.00.").waitFor(TIMEOUT);
  assert.equal(await adjust.getAttribute("aria-invalid"), null, "a good amount clears the mark");
  await page.close();
});

// Ordering from the Products page in a real browser: a customer fills a basket from the catalogue
// (quantity and "Add", refused beyond the stock), keeps it across pages, sees the total against the
// budget with a warning when it is over, places the order and finds it in Orders.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

const WAIT = { timeout: 15_000 };
let stack;
let adminToken;
let customerToken;
const products = {};

before(async () => {
  stack = await startStack({ SCHEDULER_DELAY_MS: "300" });
  adminToken = await stack.adminToken();
  for (const [key, name, priceCents, stock] of [
    ["chair", "Oak chair", 4_000, 5],
    ["lamp", "Brass lamp", 2_500, 3],
    ["vase", "Glass vase", 1_000, 8],
    ["clock", "Wall clock", 3_000, 0],
  ]) {
    const { createProduct } = await stack.graphql(
      "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
      { i: { name, priceCents, stock } },
      adminToken,
    );
    products[key] = { id: createProduct.id, name };
  }
  const customer = { name: "Bea Basket", email: "bea@example.com", password: "correct horse battery" };
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { ...customer, budgetCents: 10_000 } },
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

const row = (page, product) => page.locator(`[data-testid="product-row"][data-product-id="${product.id}"]`);

/** Types a quantity into a product's row and presses its "Add". */
async function addToBasket(page, product, quantity) {
  await row(page, product).getByLabel(`Quantity of ${product.name}`).fill(String(quantity));
  await row(page, product).getByRole("button", { name: "Add" }).click();
}

test("a customer adds two products from the Products page, sees total and budget, and places the order", async () => {
  const page = await pageAs(stack, customerToken);
  await page.goto(`${stack.url}/products`);
  const basket = page.getByTestId("basket");
  await basket.getByTestId("basket-empty").waitFor(WAIT);

  // More than the stock cannot be added.
  await row(page, products.chair).getByLabel(`Quantity of ${products.chair.name}`).fill("6");
  await row(page, products.chair).getByText("Only 5 in stock.").waitFor();
  assert.equal(await row(page, products.chair).getByRole("button", { name: "Add" }).isDisabled(), true);

  await addToBasket(page, products.chair, 1);
  await addToBasket(page, products.lamp, 2);
  await addToBasket(page, products.vase, 1);
  assert.equal(await basket.getByTestId("basket-line").count(), 3);
  await basket.getByRole("button", { name: `Remove ${products.vase.name} from the basket` }).click();
  assert.equal(await basket.getByTestId("basket-line").count(), 2);
  await basket.getByTestId("order-total").getByText("$90.00").waitFor();
  await basket.getByTestId("order-budget").getByText("$100.00").waitFor(WAIT);
  assert.equal(await basket.getByTestId("budget-warning").count(), 0);

  // The basket survives navigation and a reload within the session.
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByRole("heading", { name: "Orders" }).waitFor(WAIT);
  await page.getByRole("link", { name: "Products", exact: true }).click();
  await basket.getByTestId("order-total").getByText("$90.00").waitFor(WAIT);
  await page.reload();
  await basket.getByTestId("order-total").getByText("$90.00").waitFor(WAIT);
  assert.equal(await basket.getByTestId("basket-line").count(), 2);

  // Over the budget: a warning, and the button says so.
  await basket.getByLabel(`Quantity of ${products.chair.name} in the basket`).fill("2");
  await basket.getByTestId("order-total").getByText("$130.00").waitFor();
  const warning = basket.getByTestId("budget-warning");
  await warning.waitFor();
  assert.match(await warning.textContent(), /costs \$130\.00, but only \$100\.00 of budget is available/);
  await basket.getByRole("button", { name: "Place order anyway" }).waitFor();
  await screenshotBothThemes(page, "products-basket");
  await basket.getByLabel(`Quantity of ${products.chair.name} in the basket`).fill("1");
  await warning.waitFor({ state: "detached" });

  await basket.getByRole("button", { name: "Place order", exact: true }).click();
  const placed = basket.getByTestId("basket-placed");
  await placed.waitFor(WAIT);
  await basket.getByTestId("basket-empty").waitFor();
  assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes("basket")).length), 0);

  await placed.getByRole("link", { name: /See order/ }).click();
  await page.waitForURL(`${stack.url}/orders`, WAIT);
  const { orders } = await stack.graphql(
    "{ orders(first: 5) { nodes { id items { productId quantity } } } }",
    {},
    customerToken,
  );
  assert.equal(orders.nodes.length, 1, "exactly one order was placed");
  const [order] = orders.nodes;
  assert.deepEqual(
    order.items.map((item) => [item.productId, item.quantity]).sort(),
    [
      [products.chair.id, 1],
      [products.lamp.id, 2],
    ].sort(),
  );
  const orderRow = page.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`);
  await orderRow.waitFor(WAIT);
  assert.match(await orderRow.textContent(), /1 × Oak chair/);
  assert.match(await orderRow.textContent(), /2 × Brass lamp/);
  await orderRow.getByTestId("order-status").getByText("APPROVED").waitFor({ timeout: 20_000 });
  await page.close();
});

test("an out-of-stock product cannot be added, and admins have no basket", async () => {
  const page = await pageAs(stack, customerToken);
  await page.goto(`${stack.url}/products`);
  const clock = row(page, products.clock);
  await clock.getByText("Out of stock").waitFor(WAIT);
  assert.equal(await clock.getByRole("button", { name: "Add" }).isDisabled(), true);
  assert.equal(await clock.getByLabel(`Quantity of ${products.clock.name}`).isDisabled(), true);
  // On a phone the rows and the basket fit the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await addToBasket(page, products.vase, 2);
  await page.getByTestId("basket-line").waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll");
  await screenshotBothThemes(page, "products-basket-phone");
  await page.close();

  const admin = await pageAs(stack, adminToken);
  await admin.goto(`${stack.url}/products`);
  await row(admin, products.clock).waitFor(WAIT);
  assert.equal(await admin.getByTestId("basket").count(), 0);
  assert.equal(await row(admin, products.clock).getByRole("button", { name: "Add" }).count(), 0);
  await admin.close();
});

test("placing the basket again after a lost answer places the order once", async () => {
  const page = await pageAs(stack, customerToken);
  await page.goto(`${stack.url}/products`);
  await page.getByTestId("basket").waitFor(WAIT);
  await addToBasket(page, products.vase, 1);
  const count = async () =>
    (await stack.graphql("{ orders(first: 50) { totalCount } }", {}, customerToken)).orders.totalCount;
  const before = await count();
  // The first placeOrder reaches the API, but its answer is lost on the way back.
  let lost = 0;
  await page.route("**/graphql", async (route) => {
    if (lost === 0 && route.request().postData()?.includes("placeOrder")) {
      lost += 1;
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  const basket = page.getByTestId("basket");
  await basket.getByRole("button", { name: /^Place order/ }).click();
  await basket.getByRole("alert").waitFor(WAIT);
  assert.equal(lost, 1);
  assert.equal(await count(), before + 1, "the lost attempt did place the order");
  await basket.getByRole("button", { name: /^Place order/ }).click();
  await basket.getByTestId("basket-placed").waitFor(WAIT);
  assert.equal(await count(), before + 1, "the retry returned the same order instead of placing another");
  await page.close();
});

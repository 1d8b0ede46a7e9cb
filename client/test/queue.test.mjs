// Where a customer's waiting orders stand: each PENDING row says its place in the scheduler's
// queue, moves up live as orders ahead are decided, and says about when it will be decided.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, startStack } from "./harness.mjs";

const WAIT = { timeout: 15_000 };
const PASSWORD = "violet ladder mountain 42";
let stack;
let adminToken;

before(async () => {
  // One worker taking a second per order: a queue that stays long enough to watch it move.
  stack = await startStack({ SCHEDULER_CONCURRENCY: "1", SCHEDULER_DELAY_MS: "1000" });
  adminToken = await stack.adminToken();
});
after(async () => {
  await stack?.stop();
});

async function customer(name, email, tier) {
  await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name, email, password: PASSWORD, tier, budgetCents: 1_000_000 } },
    adminToken,
  );
  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email, password: PASSWORD },
  });
  return login.token;
}

test("a customer's waiting orders show their place in the queue and move up live", async () => {
  const { createProduct } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Queue mug", priceCents: 500, stock: 1000 } },
    adminToken,
  );
  const premium = await customer("Paula Premium", "paula@example.com", "PREMIUM");
  const standard = await customer("Sam Standard", "sam@example.com", "STANDARD");
  const place = async (token) =>
    (
      await stack.graphql(
        "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
        { i: { items: [{ productId: createProduct.id, quantity: 1 }] } },
        token,
      )
    ).placeOrder.id;
  // Sam's three orders first, then Paula's two, which go ahead of them (premium).
  const sams = [await place(standard), await place(standard), await place(standard)];
  await place(premium);
  await place(premium);

  const page = await pageAs(stack, standard);
  await page.goto(`${stack.url}/orders`);
  const standingOf = (id) => page.locator(`[data-order-id="${id}"]`).getByTestId("queue-standing");
  const last = standingOf(sams[2]);
  await last.waitFor(WAIT);
  const first = Number(/^(\d+)/.exec(await last.textContent())[1]);
  assert.ok(first >= 3, `Sam's last order has at least Paula's waiting orders and his own two ahead: ${first}`);
  // The worker decides one a second: the same row moves up without a reload.
  const deadline = Date.now() + 15_000;
  let now = first;
  while (now === first && Date.now() < deadline) {
    await page.waitForTimeout(250);
    const text = await last.textContent().catch(() => "");
    const match = /^(\d+)/.exec(text ?? "");
    if (match) now = Number(match[1]);
  }
  assert.ok(now < first, `moved up from ${first} to ${now}`);
  assert.match(await last.textContent(), /in the queue · decided in about \d+ s/);
  // Decided orders lose their place: Sam's first order, decided soon, shows none.
  await page.locator(`[data-order-id="${sams[0]}"]`).getByText("APPROVED").waitFor({ timeout: 20_000 });
  assert.equal(await standingOf(sams[0]).count(), 0);
  await page.close();
});

// A shop with something on every screen, made through the API: products in, low and out of stock,
// customers of both tiers, orders in every status (and a backlog that keeps some pending), and the
// log entries all of that writes. Start the stack with SCHEDULER_CONCURRENCY=1 and a delay of about
// a second, so the backlog lasts minutes.

const PASSWORD = "a long customer password";

/** Polls the order until the scheduler has decided it. */
async function decided(stack, token, id) {
  for (let tries = 0; tries < 300; tries += 1) {
    const { order } = await stack.graphql("query($id: ID!) { order(id: $id) { status } }", { id }, token);
    if (!["PENDING", "PROCESSING"].includes(order.status)) return order.status;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`order ${id} was never decided`);
}

/**
 * Seeds the shop and returns the tokens of the admin and of a standard customer with orders in
 * every status (two of them still pending behind a generated backlog).
 */
export async function seedShop(stack) {
  const admin = await stack.adminToken();
  const product = async (name, priceCents, stock) =>
    (
      await stack.graphql(
        "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
        { i: { name, description: `${name}, made to last`, priceCents, stock } },
        admin,
      )
    ).createProduct.id;
  const desk = await product("Walnut desk", 12_500, 60);
  const shelf = await product("Oak shelf", 8_900, 3);
  await product("Brass lamp", 4_500, 0);
  await product("Linen cushion", 2_900, 400);

  const customer = async (name, email, tier, budgetCents) =>
    (
      await stack.graphql(
        "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
        { i: { name, email, password: PASSWORD, tier, budgetCents } },
        admin,
      )
    ).createCustomer.id;
  const olivia = await customer("Olivia Orders", "olivia@example.com", "STANDARD", 500_000);
  const nora = await customer("Nora Newcomer", "nora@example.com", "STANDARD", 0);
  await customer("Grace Hopper", "grace@example.com", "PREMIUM", 250_000);

  const place = async (customerId, productId, quantity) =>
    (
      await stack.graphql(
        "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
        { i: { customerId, items: [{ productId, quantity }] } },
        admin,
      )
    ).placeOrder.id;
  const shipped = await place(olivia, desk, 1);
  const delivered = await place(olivia, desk, 2);
  const cancelled = await place(olivia, desk, 1);
  const approved = await place(olivia, desk, 1);
  const tooMany = await place(olivia, shelf, 10);
  const noBudget = await place(nora, desk, 1);
  for (const id of [shipped, delivered, cancelled, approved, tooMany, noBudget]) await decided(stack, admin, id);

  const fulfil = (id, status) =>
    stack.graphql(
      "mutation($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { id } }",
      {
        id,
        s: status,
      },
      admin,
    );
  await fulfil(shipped, "SHIPPED");
  await fulfil(delivered, "SHIPPED");
  await fulfil(delivered, "DELIVERED");
  await stack.graphql(
    'mutation($id: ID!) { cancelOrder(id: $id, reason: "Out of delivery area") { id } }',
    { id: cancelled },
    admin,
  );

  // A backlog of load-test orders keeps the single worker busy: one order processing, the rest
  // (and Olivia's two newest) pending while the screens are checked.
  await stack.graphql("mutation { generateRandomOrders(count: 300) }", {}, admin);
  await place(olivia, desk, 1);
  await place(olivia, shelf, 1);

  const { login } = await stack.graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
    i: { email: "olivia@example.com", password: PASSWORD },
  });
  return { admin, customer: login.token };
}

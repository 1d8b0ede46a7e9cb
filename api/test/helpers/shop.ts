import { must } from "./accounts";
import type { TestApp } from "./test-app";

export const ORDER_FIELDS =
  "id status totalCents reason priority items { productId productName unitPriceCents quantity lineTotalCents }";

export interface OrderRow {
  id: string;
  status: string;
  totalCents: number;
  reason: string | null;
  priority: number;
  items: Array<{
    productId: string;
    productName: string;
    unitPriceCents: number;
    quantity: number;
    lineTotalCents: number;
  }>;
}

/** Creates a product as the admin and returns its id. */
export async function createProduct(
  api: TestApp,
  adminToken: string,
  input: { name?: string; priceCents: number; stock: number },
): Promise<string> {
  const data = await must<{ createProduct: { id: string } }>(
    api,
    `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
    {
      input: {
        name: input.name ?? `Product ${Math.random().toString(36).slice(2, 7)}`,
        priceCents: input.priceCents,
        stock: input.stock,
      },
    },
    adminToken,
  );
  return data.createProduct.id;
}

/** Places an order and returns it. */
export async function placeOrder(
  api: TestApp,
  token: string,
  items: Array<{ productId: string; quantity: number }>,
  extra: { customerId?: string; idempotencyKey?: string } = {},
): Promise<OrderRow> {
  const data = await must<{ placeOrder: OrderRow }>(
    api,
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`,
    { input: { items, ...extra } },
    token,
  );
  return data.placeOrder;
}

/** Polls the order until the scheduler has decided it (APPROVED or REJECTED). */
export async function waitForDecision(api: TestApp, token: string, id: string, timeoutMs = 15_000): Promise<OrderRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { order } = await must<{ order: OrderRow }>(
      api,
      `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
      { id },
      token,
    );
    if (order.status !== "PENDING" && order.status !== "PROCESSING") return order;
    if (Date.now() > deadline) throw new Error(`order ${id} still ${order.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Reads a product's stock as the admin. */
export async function stockOf(api: TestApp, adminToken: string, id: string): Promise<number> {
  return (
    await must<{ product: { stock: number } }>(
      api,
      `query($id: ID!) { product(id: $id) { stock } }`,
      { id },
      adminToken,
    )
  ).product.stock;
}

/** Reads a user's budget and total spent as the admin. */
export async function moneyOf(
  api: TestApp,
  adminToken: string,
  id: string,
): Promise<{ budgetCents: number; totalSpentCents: number }> {
  return (
    await must<{ user: { budgetCents: number; totalSpentCents: number } }>(
      api,
      `query($id: ID!) { user(id: $id) { budgetCents totalSpentCents } }`,
      { id },
      adminToken,
    )
  ).user;
}

import { ADMIN_EMAIL, ADMIN_PASSWORD, createCustomer, loginAdmin, must, PASSWORD } from "../../helpers/accounts";
import { createProduct, placeOrder, waitForDecision } from "../../helpers/shop";
import type { TestApp } from "../../helpers/test-app";

/** Who sends a call: the admin, a customer, nobody, or someone with an invalid session. */
export type Caller = "admin" | "c1" | "c2" | "anon" | "garbage";

/** The data the fuzzing runs against, and what a generator needs to know of it. */
export interface World {
  readonly adminId: string;
  readonly tokens: { admin: string; c1: string; c2: string };
  readonly passwords: Record<"admin" | "c1" | "c2", string>;
  /** Active customers with their budgets: c1, c2, c3. */
  readonly customers: ReadonlyArray<{ id: string; email: string; budgetCents: number }>;
  readonly deletedCustomerId: string;
  /** Active products with their stock. */
  readonly products: ReadonlyArray<{ id: string; stock: number }>;
  readonly deletedProductId: string;
  /** c1's APPROVED orders. */
  readonly approved: readonly string[];
  readonly shipped: readonly string[];
  /** DELIVERED, REJECTED, CANCELLED. */
  readonly closed: readonly string[];
  /** Emails of active accounts (a new account with one of them is a CONFLICT). */
  readonly existingEmails: readonly string[];
  /** Emails no login may succeed with (active ones, and the deleted customer's). */
  readonly loginEmails: readonly string[];
  /** Authorization values that are not a valid session (forged, revoked, malformed). */
  readonly garbageAuth: readonly string[];
}

/**
 * Four customers (one deleted), four products (one deleted) and orders in every state: approved,
 * shipped, delivered, rejected and cancelled.
 */
async function stageShop(api: TestApp) {
  const admin = await loginAdmin(api);
  const [c1, c2, c3, gone] = [
    await createCustomer(api, admin.token, { tier: "PREMIUM", budgetCents: 100_000 }),
    await createCustomer(api, admin.token, { budgetCents: 50_000 }),
    await createCustomer(api, admin.token, { budgetCents: 5_000 }),
    await createCustomer(api, admin.token, { budgetCents: 1_000 }),
  ];
  const p1 = await createProduct(api, admin.token, { name: "Widget", priceCents: 250, stock: 100 });
  const p2 = await createProduct(api, admin.token, { name: "Gadget", priceCents: 1_000, stock: 50 });
  const p3 = await createProduct(api, admin.token, { name: "Rare Gem", priceCents: 100, stock: 2 });
  const pGone = await createProduct(api, admin.token, { name: "Discontinued", priceCents: 10, stock: 5 });

  const decided = async (token: string, lines: Array<{ productId: string; quantity: number }>) => {
    const placed = await placeOrder(api, token, lines);
    return waitForDecision(api, token, placed.id);
  };
  const fulfil = (id: string, status: string) =>
    must(
      api,
      `mutation($id: ID!, $s: OrderStatus!) { setFulfilmentStatus(id: $id, status: $s) { id } }`,
      { id, s: status },
      admin.token,
    );
  const o1 = await decided(c1.token, [{ productId: p1, quantity: 2 }]);
  const o7 = await decided(c1.token, [{ productId: p2, quantity: 1 }]);
  const o2 = await decided(c1.token, [{ productId: p1, quantity: 1 }]);
  const o3 = await decided(c2.token, [{ productId: p2, quantity: 2 }]);
  const o4 = await decided(c2.token, [{ productId: p3, quantity: 5 }]);
  const o5 = await decided(c3.token, [{ productId: p2, quantity: 10 }]);
  const o6 = await decided(c2.token, [{ productId: p1, quantity: 1 }]);
  expect([o1, o7, o2, o3, o6].map((o) => o.status)).toEqual(Array(5).fill("APPROVED"));
  expect([o4, o5].map((o) => o.status)).toEqual(["REJECTED", "REJECTED"]);
  await fulfil(o2.id, "SHIPPED");
  await fulfil(o3.id, "SHIPPED");
  await fulfil(o3.id, "DELIVERED");
  await must(api, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: o6.id }, admin.token);
  await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: gone.id }, admin.token);
  await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id: pGone }, admin.token);
  return {
    admin,
    c1,
    c2,
    c3,
    gone,
    pGone,
    approved: [o1.id, o7.id],
    shipped: [o2.id],
    closed: [o3.id, o4.id, o5.id, o6.id],
  };
}

/** Stages the shop through the API and describes it for the generators. */
export async function buildWorld(api: TestApp): Promise<World> {
  const { admin, c1, c2, c3, gone, pGone, approved, shipped, closed } = await stageShop(api);
  const users = await must<{ users: { nodes: Array<{ id: string; budgetCents: number }> } }>(
    api,
    "{ users(first: 100) { nodes { id budgetCents } } }",
    {},
    admin.token,
  );
  const budgetOf = (id: string) => users.users.nodes.find((u) => u.id === id)!.budgetCents;
  const products = await must<{ products: { nodes: Array<{ id: string; stock: number }> } }>(
    api,
    "{ products(first: 100) { nodes { id stock } } }",
    {},
    admin.token,
  );
  const [header, payload, signature] = admin.token.split(".");
  const noneHeader = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
  return {
    adminId: admin.id,
    tokens: { admin: admin.token, c1: c1.token, c2: c2.token },
    passwords: { admin: ADMIN_PASSWORD, c1: PASSWORD, c2: PASSWORD },
    customers: [c1, c2, c3].map((c) => ({ id: c.id, email: c.email, budgetCents: budgetOf(c.id) })),
    deletedCustomerId: gone.id,
    products: products.products.nodes,
    deletedProductId: pGone,
    approved,
    shipped,
    closed,
    existingEmails: [ADMIN_EMAIL, ADMIN_EMAIL.toUpperCase(), ` ${c1.email} `, c2.email],
    loginEmails: [ADMIN_EMAIL, ` ${c1.email} `, c2.email, c3.email.toUpperCase(), gone.email],
    garbageAuth: [
      "Bearer garbage",
      "Bearer ",
      "Bearer a.b.c",
      "Basic YWRtaW46YWRtaW4=",
      `Bearer ${header}.${payload}.${signature.slice(0, -4)}AAAA`,
      `Bearer ${noneHeader}.${payload}.`,
      `Bearer ${gone.token}`,
      `Bearer ${"x".repeat(4000)}`,
      'Bearer {"$ne":null}',
      `Token ${admin.token.slice(0, 20)}`,
    ],
  };
}

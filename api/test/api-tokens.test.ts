/**
 * API tokens end to end, over real HTTP and a real graphql-ws socket: created once and shown once,
 * used within their scopes, revoked (their open sockets close at once) and expired.
 */
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { CREATE_TOKEN, createToken, LIST_TOKENS, REVOKE_TOKEN } from "./helpers/api-tokens";
import { SESSION_ENDED } from "./helpers/auth-operations";
import { listen, until } from "./helpers/live";
import { createProduct, placeOrder } from "./helpers/shop";
import { startTestApp, wsRequest, type TestApp } from "./helpers/test-app";

const ORDERS = "{ orders(first: 5) { totalCount nodes { id status } } }";
const ORDER_UPDATED = "subscription { orderUpdated { id status } }";

/** Opens a socket with the token, subscribed to orderUpdated, and resolves with its close code. */
function openSocket(api: TestApp, token: string) {
  let closed: number | undefined;
  const client = api.wsClient(token, {
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => (closed = (event as CloseEvent).code) },
  });
  const feed = listen<{ id: string; status: string }>(client, ORDER_UPDATED);
  return { feed, closedWith: () => closed };
}

describe("API tokens", () => {
  let api: TestApp;
  let admin: { token: string; id: string };

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = await loginAdmin(api);
  });
  afterAll(() => api.stop());

  it("shows the secret once: the list holds the token's record, never its secret", async () => {
    const { token, id } = await createToken(api, admin.token, ["orders:read"], { name: "ERP" });
    const { apiTokens } = await must<{ apiTokens: Array<Record<string, unknown>> }>(api, LIST_TOKENS, {}, admin.token);
    expect(apiTokens.find((t) => t["id"] === id)).toMatchObject({
      name: "ERP",
      scopes: ["orders:read"],
      revokedAt: null,
    });
    expect(JSON.stringify(apiTokens)).not.toContain(token.slice(3));
  });

  it("is for admins only", async () => {
    const customer = await createCustomer(api, admin.token);
    const input = { name: "mine", scopes: ["orders:read"] };
    const created = await api.graphql(CREATE_TOKEN, { input }, customer.token);
    const listed = await api.graphql(LIST_TOKENS, {}, customer.token);
    expect([created.errors?.[0]?.extensions?.code, listed.errors?.[0]?.extensions?.code]).toEqual([
      "FORBIDDEN",
      "FORBIDDEN",
    ]);
  });

  it("works over HTTP within its scopes, as an admin would", async () => {
    const { token } = await createToken(api, admin.token, ["orders:read", "orders:write"]);
    const customer = await createCustomer(api, admin.token, { budgetCents: 10_000 });
    const productId = await createProduct(api, admin.token, { priceCents: 100, stock: 5 });
    const order = await placeOrder(api, token, [{ productId, quantity: 1 }], { customerId: customer.id });
    const { orders } = await must<{ orders: { nodes: Array<{ id: string }> } }>(api, ORDERS, {}, token);
    expect(orders.nodes.map((o) => o.id)).toContain(order.id);
    const refused = await api.graphql(`mutation { setStock(productId: "${productId}", stock: 1) { id } }`, {}, token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "stock:write" });
  });

  it("works over graphql-ws: it follows orders live", async () => {
    const { token } = await createToken(api, admin.token, ["orders:read"]);
    const socket = openSocket(api, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const customer = await createCustomer(api, admin.token, { budgetCents: 10_000 });
    const productId = await createProduct(api, admin.token, { priceCents: 100, stock: 5 });
    const order = await placeOrder(api, customer.token, [{ productId, quantity: 1 }]);
    await until(() => socket.feed.events.some((e) => e.id === order.id));
    expect(socket.feed.errors).toEqual([]);
    socket.feed.stop();
  });

  it("is refused over both transports once revoked, and its open socket closes at once", async () => {
    const { token, id } = await createToken(api, admin.token, ["orders:read"]);
    const socket = openSocket(api, token);
    await until(() => socket.feed.errors.length === 0 && socket.closedWith() === undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { revokeApiToken } = await must<{ revokeApiToken: { revokedAt: string | null } }>(
      api,
      REVOKE_TOKEN,
      { id },
      admin.token,
    );
    expect(revokeApiToken.revokedAt).not.toBeNull();
    await until(() => socket.closedWith() !== undefined);
    expect(socket.closedWith()).toBe(SESSION_ENDED);
    const http = await api.graphql(ORDERS, {}, token);
    expect([http.status, http.errors?.[0]?.extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
    await expect(wsRequest(api.wsClient(token), ORDERS)).rejects.toMatchObject({ code: SESSION_ENDED });
  });

  it("is refused once expired, and its open socket closes when it expires", async () => {
    const expiresAt = new Date(Date.now() + 1_500);
    const { token } = await createToken(api, admin.token, ["orders:read"], { expiresAt });
    const socket = openSocket(api, token);
    expect((await api.graphql(ORDERS, {}, token)).errors).toBeUndefined();
    await until(() => socket.closedWith() !== undefined, 10_000);
    expect(socket.closedWith()).toBe(SESSION_ENDED);
    const http = await api.graphql(ORDERS, {}, token);
    expect([http.status, http.errors?.[0]?.message]).toEqual([401, "This API token has expired."]);
  });

  it("cannot log its creator out, nor change their password: those are a person's", async () => {
    const { token } = await createToken(api, admin.token, ["orders:read", "customers:read"]);
    const logout = await api.graphql("mutation { logout }", {}, token);
    expect(logout.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.graphql("{ me { id } }", {}, admin.token)).data).toEqual({ me: { id: admin.id } });
  });
});

/**
 * Attacks with API tokens, refused on both transports: a wrong scope (sampled here; every
 * operation is walked in api-token-scopes.test.ts), a revoked and an expired token, a token used
 * as a password or as a JWT, a scope check skipped through a shared subscription, and enumeration
 * (tokens are found by their hash). Real server, real socket, embedded database; each describe has
 * an app and a clock of its own (helpers/auth-attacks.ts).
 */
import { Types } from "mongoose";
import { ApiTokenModel, hashApiToken } from "../../src/modules/api-tokens";
import { createCustomer, loginAdmin, must } from "../helpers/accounts";
import { createToken, REVOKE_TOKEN } from "../helpers/api-tokens";
import { codes, expectSessionRefused, useApp, wsAsk } from "../helpers/auth-attacks";
import { ADMIN_EMAIL, LOGIN } from "../helpers/accounts";
import { listen } from "../helpers/live";
import { createProduct, placeOrder } from "../helpers/shop";
import { itSendsNoSecrets } from "../support/secret-leaks";

const ORDERS = "{ orders(first: 1) { totalCount } }";

describe("API tokens: scopes cannot be stepped around", () => {
  const h = useApp();

  it("refuses a read-only token every write, the token operations and the person's operations", async () => {
    const admin = await loginAdmin(h.api);
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    const attempts = [
      'mutation { setFulfilmentStatus(id: "000000000000000000000000", status: SHIPPED) { id } }',
      'mutation { createApiToken(input: { name: "escalate", scopes: ["stock:write"] }) { token } }',
      'mutation { revokeApiToken(id: "000000000000000000000000") { id } }',
      'mutation { changePassword(currentPassword: "x", newPassword: "y") { token } }',
      "mutation { beginTotpSetup { secret } }",
      "{ apiTokens { id } }",
    ];
    for (const query of attempts) expect(codes(await h.api.graphql(query, {}, token))).toEqual(["FORBIDDEN"]);
  });

  it("refuses a customer's email, budget and spending to an orders:read token reading them through an order", async () => {
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token, { budgetCents: 1_000 });
    const productId = await createProduct(h.api, admin.token, { priceCents: 100, stock: 1 });
    await placeOrder(h.api, customer.token, [{ productId, quantity: 1 }]);
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    const nested = await h.api.graphql("{ orders(first: 1) { nodes { customer { name email } } } }", {}, token);
    expect(codes(nested)).toEqual(["FORBIDDEN"]);
    expect(nested.errors?.[0]?.extensions?.["scope"]).toBe("customers:read");
  });

  it("never lets a token join an admin's shared subscription whose scope check it did not pass", async () => {
    const admin = await loginAdmin(h.api);
    const person = listen(h.api.wsClient(admin.token), "subscription { logAdded { id } }");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    const result = await wsAsk(h.api, token, "subscription { logAdded { id } }");
    expect(codes(result)).toEqual(["FORBIDDEN"]);
    person.stop();
  });
});

describe("API tokens: revoked and expired", () => {
  const h = useApp();

  it("refuses a revoked token on both transports", async () => {
    const admin = await loginAdmin(h.api);
    const { token, id } = await createToken(h.api, admin.token, ["orders:read"]);
    expect(codes(await h.api.graphql(ORDERS, {}, token))).toBeUndefined();
    await must(h.api, REVOKE_TOKEN, { id }, admin.token);
    await expectSessionRefused(h.api, token);
  });

  it("refuses a token from its expiry on, on both transports", async () => {
    const admin = await loginAdmin(h.api);
    const expiresAt = new Date(h.clock.now().getTime() + 3_600_000);
    const { token } = await createToken(h.api, admin.token, ["orders:read"], { expiresAt });
    h.clock.advance(3_599_000);
    expect(codes(await h.api.graphql(ORDERS, {}, token))).toBeUndefined();
    h.clock.advance(1_000);
    await expectSessionRefused(h.api, token);
  });
});

describe("API tokens: used as something else", () => {
  const h = useApp();

  it("is not a password: logging in with it as the creator's password fails like any wrong password", async () => {
    const admin = await loginAdmin(h.api);
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    const login = await h.api.graphql(LOGIN, { input: { email: ADMIN_EMAIL, password: token } });
    expect(codes(login)).toEqual(["INVALID_CREDENTIALS"]);
    expect(codes(await h.api.graphql(LOGIN, { input: { email: ADMIN_EMAIL, password: token } }, token))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("is not a JWT, and a JWT is not a token: neither is taken for the other", async () => {
    const admin = await loginAdmin(h.api);
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    await expectSessionRefused(h.api, token.slice(3));
    await expectSessionRefused(h.api, `of_${admin.token}`);
    await expectSessionRefused(h.api, `${admin.token.split(".").slice(0, 2).join(".")}.${token.slice(3)}`);
  });

  it("is found by its hash alone: the record holds no secret, and a record planted with a hash answers to that token", async () => {
    const admin = await loginAdmin(h.api);
    const { token, id } = await createToken(h.api, admin.token, ["orders:read"]);
    const stored = await ApiTokenModel.findById(id).lean().exec();
    expect(stored?.hash).toBe(hashApiToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(3, 20));
    const planted = `of_${"p".repeat(43)}`;
    await ApiTokenModel.create({
      _id: new Types.ObjectId(),
      hash: hashApiToken(planted),
      name: "planted",
      scopes: ["orders:read"],
      createdBy: new Types.ObjectId(admin.id),
      createdAt: h.clock.now(),
    });
    expect(codes(await h.api.graphql(ORDERS, {}, planted))).toBeUndefined();
  });

  it("answers a near miss exactly as a wild guess (one lookup of a hash, nothing to compare char by char)", async () => {
    const admin = await loginAdmin(h.api);
    const { token } = await createToken(h.api, admin.token, ["orders:read"]);
    const last = token.at(-1) === "A" ? "B" : "A";
    const nearMiss = await h.api.graphql(ORDERS, {}, `${token.slice(0, -1)}${last}`);
    const guess = await h.api.graphql(ORDERS, {}, `of_${"g".repeat(43)}`);
    expect(nearMiss).toEqual(guess);
    expect(await wsAsk(h.api, token, ORDERS)).toMatchObject({ data: { orders: { totalCount: 0 } } });
  });

  itSendsNoSecrets();
});

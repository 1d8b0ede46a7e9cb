/**
 * Forged, expired and revoked session tokens, refused on both transports. Run against
 * the real server (HTTP and graphql-ws), a real SMTP peer and the embedded database; each describe
 * has an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
import jwt from "jsonwebtoken";
import { createCustomer, login, loginAdmin, must, NEW_PASSWORD, PASSWORD, signUp } from "../helpers/accounts";
import { base64url, claimsOf, expectSessionRefused, useApp, wsAsk } from "../helpers/auth-attacks";
import { CHANGE_PASSWORD, DELETE_CUSTOMER, LOGOUT, ME, SESSION_ENDED } from "../helpers/auth-operations";
import { wsRequest } from "../helpers/test-app";
import { itSendsNoSecrets } from "../support/secret-leaks";

describe("5. forged, expired and revoked tokens (HTTP and graphql-ws)", () => {
  const h = useApp();

  it("refuses a token with alg none claiming the ADMIN role", async () => {
    const user = await signUp(h.api);
    const header = base64url({ alg: "none", typ: "JWT" });
    const payload = base64url({ ...claimsOf(user.token), role: "ADMIN" });
    await expectSessionRefused(h.api, `${header}.${payload}.`);
    await expectSessionRefused(h.api, `${header}.${payload}`);
    expect(await must(h.api, ME, {}, user.token)).toEqual({ me: { id: user.id } });
  });

  it("refuses a token signed with another key", async () => {
    const user = await signUp(h.api);
    const { sub, ver } = claimsOf(user.token);
    const forged = jwt.sign({ role: "ADMIN", ver }, "a key that is not the server's secret, 32+ chars", {
      algorithm: "HS256",
      subject: sub,
      issuer: "orderflow",
      expiresIn: 3600,
    });
    await expectSessionRefused(h.api, forged);
  });

  it("refuses a token once JWT_EXPIRES_IN_SEC (3600 s) has passed", async () => {
    const user = await signUp(h.api);
    const { iat, exp } = claimsOf(user.token);
    expect(exp - iat).toBe(3600);
    h.clock.advance(3599_000);
    expect(await must(h.api, ME, {}, user.token)).toEqual({ me: { id: user.id } });
    h.clock.advance(2000);
    await expectSessionRefused(h.api, user.token);
  });

  it("refuses a real token whose payload was edited (role ADMIN, or another user's id) with its signature kept", async () => {
    const user = await signUp(h.api);
    const admin = await loginAdmin(h.api);
    const [header, , signature] = user.token.split(".");
    const claims = claimsOf(user.token);
    await expectSessionRefused(h.api, `${header}.${base64url({ ...claims, role: "ADMIN" })}.${signature}`);
    await expectSessionRefused(
      h.api,
      `${header}.${base64url({ ...claims, sub: admin.id, role: "ADMIN" })}.${signature}`,
    );
  });

  it("refuses every token of a user after logout", async () => {
    const user = await signUp(h.api);
    const other = await login(h.api, user.email, PASSWORD);
    expect(await must(h.api, LOGOUT, {}, user.token)).toEqual({ logout: true });
    await expectSessionRefused(h.api, user.token);
    await expectSessionRefused(h.api, other.token);
  });

  it("refuses the older token after changePassword, and accepts the fresh one", async () => {
    const user = await signUp(h.api);
    const { changePassword } = await must<{ changePassword: { token: string } }>(
      h.api,
      CHANGE_PASSWORD,
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      user.token,
    );
    await expectSessionRefused(h.api, user.token);
    expect(await wsAsk(h.api, changePassword.token, ME)).toEqual({ data: { me: { id: user.id } } });
  });

  it("refuses the token of a customer an admin deleted", async () => {
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token);
    expect(await must(h.api, DELETE_CUSTOMER, { id: customer.id }, admin.token)).toEqual({ deleteCustomer: true });
    await expectSessionRefused(h.api, customer.token);
  });

  it("closes a deleted customer's open socket with 4403", async () => {
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token);
    const socket = h.api.wsClient(customer.token, { lazy: false, onNonLazyError: () => undefined });
    expect(await wsRequest(socket, ME)).toEqual({ data: { me: { id: customer.id } } });
    const closed = new Promise<number>((resolve) =>
      socket.on("closed", (event) => resolve((event as { code: number }).code)),
    );
    expect(await must(h.api, DELETE_CUSTOMER, { id: customer.id }, admin.token)).toEqual({ deleteCustomer: true });
    expect(await closed).toBe(SESSION_ENDED);
  });
});

itSendsNoSecrets();

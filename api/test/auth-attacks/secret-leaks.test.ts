/**
 * Secrets never leak: not in API responses, logs or stored records, after a flow that handles
 * every kind of secret. Run against the real server (HTTP and graphql-ws), a real SMTP peer and
 * the embedded database; each describe has an app, a clock and a database of its own
 * (helpers/auth-attacks.ts).
 */
import { createHash } from "node:crypto";
import mongoose from "mongoose";
import {
  createCustomer,
  LOGIN,
  login,
  loginAdmin,
  must,
  NEW_PASSWORD,
  PASSWORD,
  REGISTER,
  uniqueEmail,
} from "../helpers/accounts";
import { codes, epochOf, totpAt, transcript, turnOnTotp, useApp } from "../helpers/auth-attacks";
import {
  ADJUST_BUDGET,
  CHANGE_PASSWORD,
  DELETE_CUSTOMER,
  DISABLE_TOTP,
  ENABLE_TOTP,
  OTHER_PASSWORD,
  REQUEST_RESET,
  RESET_PASSWORD,
  SET_BUDGET,
  SET_TIER,
  USER_FIELDS,
  VERIFY_EMAIL,
  WRONG_PASSWORD,
} from "../helpers/auth-operations";
import { tokenFromMail } from "../helpers/mailbox";
import { leaksInResponses, mailedTokens, passwordsUsed, secretsIn, totpSecrets } from "../support/secret-leaks";

describe("9. secrets never leak (API responses, logs, stored records)", () => {
  const h = useApp();
  /** The tokens this app mailed. */
  const mailed: string[] = [];
  const takeToken = async (email: string, path: string) => {
    const token = tokenFromMail(await h.api.mailbox.next(email), path);
    mailed.push(token);
    return token;
  };
  const resetTokenFor = async (email: string) => {
    expect(await must(h.api, REQUEST_RESET, { email })).toEqual({ requestPasswordReset: true });
    return takeToken(email, "/reset-password");
  };
  /** The users of the flow: the registered one, the admin, a customer and a deleted customer. */
  let ids: string[] = [];

  beforeAll(async () => {
    const api = h.api;
    const now = () => epochOf(h.clock);
    // Registration with 2FA, verification, login, 2FA on, login with a code.
    const email = uniqueEmail("secret");
    const { register } = await must<{ register: { user: { id: string }; totpSetup: { secret: string } } }>(
      api,
      REGISTER,
      { input: { name: "Sam Secret", email, password: PASSWORD, enableTotp: true } },
    );
    const userId = register.user.id;
    await must(api, VERIFY_EMAIL, { token: await takeToken(email, "/verify-email") });
    let session = await login(api, email, PASSWORD);
    await must(api, ENABLE_TOTP, { code: await totpAt(register.totpSetup.secret, now()) }, session.token);
    h.clock.advance(30_000);
    // Failed logins: wrong password, wrong code, unknown email.
    const failures = [
      await api.graphql(LOGIN, { input: { email, password: WRONG_PASSWORD } }),
      await api.graphql(LOGIN, { input: { email, password: PASSWORD, totpCode: "000000" } }),
      await api.graphql(LOGIN, { input: { email: uniqueEmail("nobody"), password: WRONG_PASSWORD } }),
    ];
    expect(failures.map(codes)).toEqual([["INVALID_CREDENTIALS"], ["TOTP_INVALID"], ["INVALID_CREDENTIALS"]]);
    session = await login(api, email, PASSWORD, await totpAt(register.totpSetup.secret, now()));
    // Reset, then change the password.
    await must(api, RESET_PASSWORD, {
      token: await resetTokenFor(email),
      newPassword: NEW_PASSWORD,
    });
    h.clock.advance(30_000);
    session = await login(api, email, NEW_PASSWORD, await totpAt(register.totpSetup.secret, now()));
    const changed = await must<{ changePassword: { token: string } }>(
      api,
      CHANGE_PASSWORD,
      { currentPassword: NEW_PASSWORD, newPassword: OTHER_PASSWORD },
      session.token,
    );
    // 2FA off, then a new setup on again.
    h.clock.advance(30_000);
    await must(
      api,
      DISABLE_TOTP,
      { password: OTHER_PASSWORD, code: await totpAt(register.totpSetup.secret, now()) },
      changed.changePassword.token,
    );
    await turnOnTotp(h, changed.changePassword.token);
    // Admin operations.
    const admin = await loginAdmin(api);
    const customer = await createCustomer(api, admin.token);
    const doomed = await createCustomer(api, admin.token);
    await must(api, SET_BUDGET, { userId: customer.id, cents: 5000 }, admin.token);
    await must(api, ADJUST_BUDGET, { userId: customer.id, cents: -1000 }, admin.token);
    await must(api, SET_TIER, { userId: customer.id, tier: "PREMIUM" }, admin.token);
    await must(api, DELETE_CUSTOMER, { id: doomed.id }, admin.token);
    expect(codes(await api.graphql(LOGIN, { input: { email: doomed.email, password: PASSWORD } }))).toEqual([
      "INVALID_CREDENTIALS",
    ]);
    ids = [userId, admin.id, customer.id, doomed.id];
  });

  it("shows no secret in any field of any user, fetched by the admin", async () => {
    const admin = await loginAdmin(h.api);
    const listed = await must<{ users: { nodes: unknown[] } }>(
      h.api,
      `{ users(first: 100) { totalCount nodes { ${USER_FIELDS} } } }`,
      {},
      admin.token,
    );
    const each = [];
    for (const id of ids)
      each.push(await must(h.api, `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, { id }, admin.token));
    expect(listed.users.nodes).toHaveLength(3);
    expect(each.filter((u) => (u as { user: unknown }).user !== null)).toHaveLength(4);
    expect(secretsIn(JSON.stringify([listed, each]))).toEqual([]);
  });

  it("writes no secret into any log entry", async () => {
    const logs = await mongoose.connection.db!.collection("logs").find().toArray();
    expect(logs.length).toBeGreaterThan(15);
    expect(logs.map((entry) => entry["message"] as string)).toEqual(
      expect.arrayContaining([expect.stringMatching(/reset their password/), expect.stringMatching(/turned off 2FA/)]),
    );
    expect(secretsIn(JSON.stringify(logs))).toEqual([]);
  });

  it("sends no secret in any response of this file but the caller's own token and TOTP setup", () => {
    expect(transcript.length).toBeGreaterThan(30);
    expect(mailedTokens().length).toBeGreaterThanOrEqual(2);
    expect(totpSecrets().length).toBeGreaterThanOrEqual(2);
    expect(leaksInResponses()).toEqual([]);
  });

  it("stores passwords only as argon2id hashes and one-time tokens only as SHA-256 hashes", async () => {
    const db = mongoose.connection.db!;
    const users = await db.collection("users").find().toArray();
    expect(users).toHaveLength(4);
    for (const user of users) expect(user["passwordHash"]).toMatch(/^\$argon2id\$/);
    const passwords = passwordsUsed();
    expect(passwords.filter((p) => JSON.stringify(users).includes(p))).toEqual([]);

    const stored = (await db.collection("one_time_tokens").find().toArray()).map((t) => String(t._id));
    expect(mailed).toHaveLength(2);
    for (const id of stored) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.filter((id) => mailedTokens().includes(id))).toEqual([]);
    const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
    expect(stored.sort()).toEqual(mailed.map(sha256).sort());
  });
});

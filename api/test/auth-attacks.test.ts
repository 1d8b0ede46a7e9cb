/**
 * Attacks on authentication and authorization, run against the real server (HTTP and graphql-ws),
 * a real SMTP peer and the embedded database. Each describe is one attack with an app, a clock and
 * a database of its own. Every response body of the file is kept, for the leak checks of the last one.
 */
import { createHash } from "node:crypto";
import jwt from "jsonwebtoken";
import mongoose from "mongoose";
import { generate } from "otplib";
import { ManualClock } from "../src/clock";
import type { LoginThrottleOptions } from "../src/modules/auth";
import {
  ADMIN_ENV,
  ADMIN_PASSWORD,
  createCustomer,
  LOGIN,
  login,
  loginAdmin,
  must,
  NEW_PASSWORD,
  PASSWORD,
  REGISTER,
  signUp,
  uniqueEmail,
} from "./helpers/accounts";
import { tokenFromMail, type Mailbox } from "./helpers/mailbox";
import { startTestApp, wsRequest, type GraphQLResponse, type TestApp } from "./helpers/test-app";

// ---------------------------------------------------------------------------------------------
// Operations

const ME = "{ me { id } }";
const VERIFY_EMAIL = "mutation($token: String!) { verifyEmail(token: $token) }";
const REQUEST_RESET = "mutation($email: String!) { requestPasswordReset(email: $email) }";
const RESEND_VERIFICATION = "mutation($email: String!) { resendVerificationEmail(email: $email) }";
const RESET_PASSWORD =
  "mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }";
const CHANGE_PASSWORD = `mutation($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token user { id } }
}`;
const LOGOUT = "mutation { logout }";
const BEGIN_TOTP = "mutation { beginTotpSetup { secret otpauthUrl qrCodeDataUrl } }";
const ENABLE_TOTP = "mutation($code: String!) { enableTotp(code: $code) { totpEnabled } }";
const DISABLE_TOTP =
  "mutation($password: String!, $code: String!) { disableTotp(password: $password, code: $code) { totpEnabled } }";
const UPDATE_PROFILE = "mutation($name: String!) { updateProfile(name: $name) { name } }";
const USER = "query($id: ID!) { user(id: $id) { id email role } }";
const USERS =
  "query($filter: UserFilter, $after: String) { users(first: 100, filter: $filter, after: $after) { totalCount nodes { id email } } }";
const CREATE_CUSTOMER = "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }";
const DELETE_CUSTOMER = "mutation($id: ID!) { deleteCustomer(id: $id) }";
const SET_BUDGET =
  "mutation($userId: ID!, $cents: SafeInt!) { setBudget(userId: $userId, budgetCents: $cents) { id budgetCents } }";
const ADJUST_BUDGET =
  "mutation($userId: ID!, $cents: SafeInt!) { adjustBudget(userId: $userId, deltaCents: $cents) { id budgetCents } }";
const SET_TIER = "mutation($userId: ID!, $tier: CustomerTier!) { setTier(userId: $userId, tier: $tier) { id tier } }";
/** What the admin sees of every user: compared before and after an attack to prove nothing changed. */
const SNAPSHOT = "{ users(first: 100) { totalCount nodes { id email budgetCents tier } } }";
/** Every field of User. */
const USER_FIELDS = "id name email role tier budgetCents totalSpentCents emailVerified totpEnabled createdAt deletedAt";

const WRONG_PASSWORD = "not the right password 1";
const OTHER_PASSWORD = "tangerine orbit whisper 5";
const INVALID_CREDENTIALS_MESSAGE = "The email or password is not correct.";
/** graphql-ws close code for a refused, revoked or expired session. */
const SESSION_ENDED = 4403;

// ---------------------------------------------------------------------------------------------
// Harness

/** Every request and response body of this file, over both transports: the leak checks read it. */
const transcript: { query: string; variables?: Record<string, unknown>; body: unknown }[] = [];
/** The mailbox of every app started here: their mails hold every token the apps sent. */
const mailboxes: Mailbox[] = [];

interface AppHandle {
  readonly clock: ManualClock;
  api: TestApp;
}

/** Starts an app (with the first admin) for the enclosing describe, recording what it answers. */
function useApp(loginThrottle?: LoginThrottleOptions): AppHandle {
  const handle = { clock: new ManualClock(new Date()) } as AppHandle;
  beforeAll(async () => {
    const api = await startTestApp({
      clock: handle.clock,
      env: ADMIN_ENV,
      ...(loginThrottle === undefined ? {} : { loginThrottle }),
    });
    mailboxes.push(api.mailbox);
    const graphql = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
      const response = await api.graphql<T>(query, variables, token);
      transcript.push({ query, ...(variables === undefined ? {} : { variables }), body: response });
      return response;
    };
    handle.api = { ...api, graphql };
  });
  afterAll(async () => {
    await handle.api.stop();
  });
  return handle;
}

/** One operation over graphql-ws (its result recorded too). */
async function wsAsk(api: TestApp, token: string | undefined, query: string) {
  const result = await wsRequest(api.wsClient(token), query);
  transcript.push({ query, body: result });
  return result;
}

/** The codes of a response's errors, in order. */
const codes = (response: { errors?: GraphQLResponse["errors"] }) => response.errors?.map((e) => e.extensions?.code);

/** The app clock in whole seconds, as TOTP counts it. */
const epochOf = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);

/** Moves the clock to `second` seconds into a 30-second TOTP step. */
function alignToStep(clock: ManualClock, second: number) {
  clock.advance(((((second - (epochOf(clock) % 30)) % 30) + 30) % 30) * 1000);
}

/** The code an authenticator app shows at `epoch`. */
const totpAt = (secret: string, epoch: number) => generate({ secret, epoch });

/** Registers without verifying; takes the verification mail. */
async function registerUnverified(api: TestApp) {
  const email = uniqueEmail("unverified");
  const { register } = await must<{ register: { user: { id: string } } }>(api, REGISTER, {
    input: { name: "Eve Example", email, password: PASSWORD },
  });
  const verifyToken = tokenFromMail(await api.mailbox.next(email), "/verify-email");
  return { email, id: register.user.id, verifyToken };
}

/** Asks for a reset mail and returns the token it links to. */
async function mailedResetToken(api: TestApp, email: string): Promise<string> {
  expect(await must(api, REQUEST_RESET, { email })).toEqual({ requestPasswordReset: true });
  return tokenFromMail(await api.mailbox.next(email), "/reset-password");
}

/** Turns 2FA on for a logged-in user; returns the secret. The clock ends one step after the enabling code. */
async function turnOnTotp(handle: AppHandle, token: string): Promise<string> {
  const { beginTotpSetup } = await must<{ beginTotpSetup: { secret: string } }>(handle.api, BEGIN_TOTP, {}, token);
  const code = await totpAt(beginTotpSetup.secret, epochOf(handle.clock));
  expect(await must(handle.api, ENABLE_TOTP, { code }, token)).toEqual({ enableTotp: { totpEnabled: true } });
  handle.clock.advance(30_000);
  return beginTotpSetup.secret;
}

/** What the admin sees of every user. */
async function snapshot(api: TestApp) {
  const admin = await loginAdmin(api);
  return must(api, SNAPSHOT, {}, admin.token);
}

/** A token refused over HTTP (401, UNAUTHENTICATED) and over graphql-ws (socket closed with 4403). */
async function expectSessionRefused(api: TestApp, token: string) {
  const response = await api.graphql(ME, {}, token);
  expect({ status: response.status, data: response.data ?? null, codes: codes(response) }).toEqual({
    status: 401,
    data: null,
    codes: ["UNAUTHENTICATED"],
  });
  await expect(wsRequest(api.wsClient(token), ME)).rejects.toMatchObject({ code: SESSION_ENDED });
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claimsOf = (token: string) =>
  jwt.decode(token) as { sub: string; role: string; ver: number; iat: number; exp: number; iss: string };

// ---------------------------------------------------------------------------------------------

describe("1. account enumeration through login", () => {
  const h = useApp();

  it("refuses an unverified account's right password with EMAIL_NOT_VERIFIED", async () => {
    const { email } = await registerUnverified(h.api);
    const response = await h.api.graphql(LOGIN, { input: { email, password: PASSWORD } });
    expect({ status: response.status, data: response.data, codes: codes(response) }).toEqual({
      status: 200,
      data: null,
      codes: ["EMAIL_NOT_VERIFIED"],
    });
  });

  it("answers an unknown email and a known email's wrong password with the same errors and status", async () => {
    const known = await signUp(h.api);
    const unknown = await h.api.graphql(LOGIN, { input: { email: uniqueEmail("nobody"), password: PASSWORD } });
    const wrong = await h.api.graphql(LOGIN, { input: { email: known.email, password: WRONG_PASSWORD } });
    expect(unknown).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: INVALID_CREDENTIALS_MESSAGE,
          locations: [{ line: 1, column: 39 }],
          path: ["login"],
          extensions: { code: "INVALID_CREDENTIALS" },
        },
      ],
    });
    expect(wrong).toEqual(unknown);
  });

  it("answers an unverified account's wrong password and a deleted customer's right password like an unknown email", async () => {
    const unknown = await h.api.graphql(LOGIN, { input: { email: uniqueEmail("nobody"), password: PASSWORD } });
    const unverified = await registerUnverified(h.api);
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token);
    expect(await must(h.api, DELETE_CUSTOMER, { id: customer.id }, admin.token)).toEqual({ deleteCustomer: true });

    const unverifiedWrong = await h.api.graphql(LOGIN, {
      input: { email: unverified.email, password: WRONG_PASSWORD },
    });
    const deletedRight = await h.api.graphql(LOGIN, { input: { email: customer.email, password: PASSWORD } });
    expect(codes(unknown)).toEqual(["INVALID_CREDENTIALS"]);
    expect(unverifiedWrong).toEqual(unknown);
    expect(deletedRight).toEqual(unknown);
  });
});

// ---------------------------------------------------------------------------------------------

describe("2. account enumeration through the mail operations", () => {
  const h = useApp();

  /** The response exactly as sent: status, content type and body text. */
  async function post(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${h.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    transcript.push({ query, variables, body });
    return { status: response.status, contentType: response.headers.get("content-type"), body };
  }

  it("answers requestPasswordReset for an unknown and a known email with the same status and body, mailing only the known one", async () => {
    const known = await signUp(h.api);
    const nobody = uniqueEmail("nobody");
    const forUnknown = await post(REQUEST_RESET, { email: nobody });
    const forKnown = await post(REQUEST_RESET, { email: known.email });
    expect(forUnknown).toEqual({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: `{"data":{"requestPasswordReset":true}}\n`,
    });
    expect(forKnown).toEqual(forUnknown);
    expect((await h.api.mailbox.next(known.email)).text).toContain("/reset-password?token=");
    expect(await h.api.mailbox.drain(nobody, 300)).toEqual([]);
  });

  it("answers resendVerificationEmail for an unknown and a known email with the same status and body, mailing only the unverified one", async () => {
    const unverified = await registerUnverified(h.api);
    const verified = await signUp(h.api);
    const nobody = uniqueEmail("nobody");
    const forUnknown = await post(RESEND_VERIFICATION, { email: nobody });
    const forUnverified = await post(RESEND_VERIFICATION, { email: unverified.email });
    const forVerified = await post(RESEND_VERIFICATION, { email: verified.email });
    expect(forUnknown).toEqual({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: `{"data":{"resendVerificationEmail":true}}\n`,
    });
    expect(forUnverified).toEqual(forUnknown);
    expect(forVerified).toEqual(forUnknown);
    expect((await h.api.mailbox.next(unverified.email)).text).toContain("/verify-email?token=");
    expect(await h.api.mailbox.drain(nobody, 300)).toEqual([]);
    expect(await h.api.mailbox.drain(verified.email, 0)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("3. replayed, expired and misused one-time tokens", () => {
  const h = useApp();

  it("refuses a reset token used a second time with INVALID_TOKEN", async () => {
    const user = await signUp(h.api);
    const token = await mailedResetToken(h.api, user.email);
    expect(await must(h.api, RESET_PASSWORD, { token, newPassword: NEW_PASSWORD })).toEqual({ resetPassword: true });
    const replay = await h.api.graphql(RESET_PASSWORD, { token, newPassword: OTHER_PASSWORD });
    expect({ data: replay.data, codes: codes(replay) }).toEqual({ data: null, codes: ["INVALID_TOKEN"] });
    await expect(login(h.api, user.email, NEW_PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it("refuses a reset token once its hour has passed with INVALID_TOKEN, and the password stays as it was", async () => {
    const early = await signUp(h.api);
    const late = await signUp(h.api);
    const earlyToken = await mailedResetToken(h.api, early.email);
    const lateToken = await mailedResetToken(h.api, late.email);
    h.clock.advance(3600_000 - 1000);
    expect(await must(h.api, RESET_PASSWORD, { token: earlyToken, newPassword: NEW_PASSWORD })).toEqual({
      resetPassword: true,
    });
    h.clock.advance(2000);
    const expired = await h.api.graphql(RESET_PASSWORD, { token: lateToken, newPassword: NEW_PASSWORD });
    expect({ data: expired.data, codes: codes(expired) }).toEqual({ data: null, codes: ["INVALID_TOKEN"] });
    await expect(login(h.api, late.email, PASSWORD)).resolves.toMatchObject({ id: late.id });
  });

  it("lets exactly one of 10 concurrent resets with the same token succeed, the others get INVALID_TOKEN", async () => {
    const user = await signUp(h.api);
    const token = await mailedResetToken(h.api, user.email);
    const passwords = Array.from({ length: 10 }, (_, i) => `${NEW_PASSWORD} #${i}`);
    const responses = await Promise.all(
      passwords.map((newPassword) => h.api.graphql(RESET_PASSWORD, { token, newPassword })),
    );
    const winners = responses.flatMap((r, i) => (r.data?.["resetPassword"] === true ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => codes(r)?.[0] === "INVALID_TOKEN")).toHaveLength(9);
    // The winner's password is the one that took; the old one and a loser's do not log in.
    await expect(login(h.api, user.email, passwords[winners[0]])).resolves.toMatchObject({ id: user.id });
    const loser = passwords[(winners[0] + 1) % 10];
    for (const password of [PASSWORD, loser]) {
      expect(codes(await h.api.graphql(LOGIN, { input: { email: user.email, password } }))).toEqual([
        "INVALID_CREDENTIALS",
      ]);
    }
  });

  it("refuses a verify-email token used a second time with INVALID_TOKEN", async () => {
    const { verifyToken } = await registerUnverified(h.api);
    expect(await must(h.api, VERIFY_EMAIL, { token: verifyToken })).toEqual({ verifyEmail: true });
    const replay = await h.api.graphql(VERIFY_EMAIL, { token: verifyToken });
    expect({ data: replay.data, codes: codes(replay) }).toEqual({ data: null, codes: ["INVALID_TOKEN"] });
  });

  it("refuses a token for the other purpose with INVALID_TOKEN, without using it up", async () => {
    const { email, verifyToken } = await registerUnverified(h.api);
    const asReset = await h.api.graphql(RESET_PASSWORD, { token: verifyToken, newPassword: NEW_PASSWORD });
    expect(codes(asReset)).toEqual(["INVALID_TOKEN"]);
    const resetToken = await mailedResetToken(h.api, email);
    expect(codes(await h.api.graphql(VERIFY_EMAIL, { token: resetToken }))).toEqual(["INVALID_TOKEN"]);
    expect(await must(h.api, VERIFY_EMAIL, { token: verifyToken })).toEqual({ verifyEmail: true });
    expect(await must(h.api, RESET_PASSWORD, { token: resetToken, newPassword: NEW_PASSWORD })).toEqual({
      resetPassword: true,
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("4. replayed and stale authenticator codes", () => {
  const h = useApp();

  /** A verified user with 2FA on, the clock 5 s into the step after the code that enabled it. */
  async function totpUser() {
    alignToStep(h.clock, 5);
    const user = await signUp(h.api);
    return { ...user, secret: await turnOnTotp(h, user.token) };
  }
  const loginWith = (user: { email: string; password: string }, totpCode: string) =>
    h.api.graphql<{ login: { token: string } }>(LOGIN, {
      input: { email: user.email, password: user.password, totpCode },
    });

  it("refuses a code already used for a login with TOTP_INVALID", async () => {
    const user = await totpUser();
    const code = await totpAt(user.secret, epochOf(h.clock));
    expect((await loginWith(user, code)).data?.login.token).toEqual(expect.any(String));
    const replay = await loginWith(user, code);
    expect({ data: replay.data, codes: codes(replay) }).toEqual({ data: null, codes: ["TOTP_INVALID"] });
  });

  it("lets exactly one of 5 concurrent logins with the same fresh code succeed, the others get TOTP_INVALID", async () => {
    const user = await totpUser();
    const code = await totpAt(user.secret, epochOf(h.clock));
    const responses = await Promise.all(Array.from({ length: 5 }, () => loginWith(user, code)));
    expect(responses.filter((r) => typeof r.data?.login.token === "string")).toHaveLength(1);
    expect(responses.filter((r) => codes(r)?.[0] === "TOTP_INVALID")).toHaveLength(4);
  });

  it("refuses a never-used code two steps old with TOTP_INVALID", async () => {
    const user = await totpUser();
    const then = epochOf(h.clock);
    h.clock.advance(61_000);
    expect(Math.floor(epochOf(h.clock) / 30) - Math.floor(then / 30)).toBe(2);
    const stale = await loginWith(user, await totpAt(user.secret, then));
    expect({ data: stale.data, codes: codes(stale) }).toEqual({ data: null, codes: ["TOTP_INVALID"] });
    // The current code works: only the age of the old one was refused.
    const fresh = await loginWith(user, await totpAt(user.secret, epochOf(h.clock)));
    expect(fresh.data?.login.token).toEqual(expect.any(String));
  });

  it("accepts a code one step old (the ±1 step window)", async () => {
    const user = await totpUser();
    h.clock.advance(30_000);
    const response = await loginWith(user, await totpAt(user.secret, epochOf(h.clock) - 30));
    expect(codes(response)).toBeUndefined();
    expect(claimsOf(response.data!.login.token).sub).toBe(user.id);
  });
});

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

describe("6. privilege escalation by a customer or an anonymous caller", () => {
  const h = useApp();

  /** Every admin operation, aimed at `targetId`. */
  const adminOperations = (targetId: string) => [
    { name: "users", query: USERS, variables: {} },
    {
      name: "createCustomer",
      query: CREATE_CUSTOMER,
      variables: {
        input: { name: "Sneaky", email: uniqueEmail("sneaky"), password: PASSWORD, tier: "PREMIUM", budgetCents: 1e9 },
      },
    },
    { name: "deleteCustomer", query: DELETE_CUSTOMER, variables: { id: targetId } },
    { name: "setBudget", query: SET_BUDGET, variables: { userId: targetId, cents: 1e9 } },
    { name: "adjustBudget", query: ADJUST_BUDGET, variables: { userId: targetId, cents: 1e9 } },
    { name: "setTier", query: SET_TIER, variables: { userId: targetId, tier: "PREMIUM" } },
  ];

  /** What each operation answered: its name, status, data and error codes. */
  async function outcomes(operations: { name: string; query: string; variables: object }[], token?: string) {
    const results = [];
    for (const { name, query, variables } of operations) {
      const response = await h.api.graphql(query, variables as Record<string, unknown>, token);
      results.push({ name, status: response.status, data: response.data ?? null, codes: codes(response) });
    }
    return results;
  }
  /** Refused with `code`: no data (`user` is nullable, so it comes back as null). */
  const refusedWith = (code: string, names: string[]) =>
    names.map((name) => ({ name, status: 200, data: name === "user" ? { user: null } : null, codes: [code] }));

  it("refuses every admin operation to a customer with FORBIDDEN, on another customer and on itself, and changes nothing", async () => {
    const admin = await loginAdmin(h.api);
    const attacker = await createCustomer(h.api, admin.token);
    const victim = await createCustomer(h.api, admin.token);
    const before = await snapshot(h.api);
    for (const target of [victim.id, attacker.id]) {
      const operations = adminOperations(target);
      expect(await outcomes(operations, attacker.token)).toEqual(
        refusedWith(
          "FORBIDDEN",
          operations.map((o) => o.name),
        ),
      );
    }
    expect(await snapshot(h.api)).toEqual(before);
  });

  it("refuses every admin and account operation to an anonymous caller with UNAUTHENTICATED, and changes nothing", async () => {
    const admin = await loginAdmin(h.api);
    const victim = await createCustomer(h.api, admin.token);
    const before = await snapshot(h.api);
    const operations = [
      ...adminOperations(victim.id),
      { name: "user", query: USER, variables: { id: victim.id } },
      { name: "logout", query: LOGOUT, variables: {} },
      {
        name: "changePassword",
        query: CHANGE_PASSWORD,
        variables: { currentPassword: PASSWORD, newPassword: OTHER_PASSWORD },
      },
      { name: "beginTotpSetup", query: BEGIN_TOTP, variables: {} },
      { name: "enableTotp", query: ENABLE_TOTP, variables: { code: "123456" } },
      { name: "disableTotp", query: DISABLE_TOTP, variables: { password: PASSWORD, code: "123456" } },
      { name: "updateProfile", query: UPDATE_PROFILE, variables: { name: "Anonymous" } },
    ];
    expect(await outcomes(operations)).toEqual(
      refusedWith(
        "UNAUTHENTICATED",
        operations.map((o) => o.name),
      ),
    );
    expect(await snapshot(h.api)).toEqual(before);
    await expect(login(h.api, victim.email, PASSWORD)).resolves.toMatchObject({ id: victim.id });
  });

  it("refuses user(id) of another user, known or not, to a customer with FORBIDDEN and returns its own record", async () => {
    const admin = await loginAdmin(h.api);
    const customer = await createCustomer(h.api, admin.token);
    const other = await createCustomer(h.api, admin.token);
    for (const id of [other.id, admin.id, "0123456789abcdef01234567"]) {
      const response = await h.api.graphql(USER, { id }, customer.token);
      expect({ data: response.data, codes: codes(response) }).toEqual({ data: { user: null }, codes: ["FORBIDDEN"] });
    }
    expect(await must(h.api, USER, { id: customer.id }, customer.token)).toEqual({
      user: { id: customer.id, email: customer.email, role: "CUSTOMER" },
    });
  });

  it("refuses an admin's deleteCustomer on itself with FORBIDDEN", async () => {
    const admin = await loginAdmin(h.api);
    const before = await snapshot(h.api);
    const response = await h.api.graphql(DELETE_CUSTOMER, { id: admin.id }, admin.token);
    expect({ data: response.data, codes: codes(response) }).toEqual({ data: null, codes: ["FORBIDDEN"] });
    expect(await snapshot(h.api)).toEqual(before);
    expect(await must(h.api, ME, {}, admin.token)).toEqual({ me: { id: admin.id } });
  });
});

// ---------------------------------------------------------------------------------------------

describe("7. password guessing: login throttling per account", () => {
  const h = useApp();

  const attempt = (email: string, password: string) => h.api.graphql(LOGIN, { input: { email, password } });

  /** Five wrong passwords (each INVALID_CREDENTIALS): the account is now locked for 30 s. */
  async function fiveWrongPasswords(email: string) {
    for (let i = 0; i < 5; i++)
      expect(codes(await attempt(email, `${WRONG_PASSWORD}${i}`))).toEqual(["INVALID_CREDENTIALS"]);
  }

  it("refuses the 6th attempt after 5 wrong passwords, even with the right password, with TOO_MANY_REQUESTS; the lock lifts after 30 s", async () => {
    const user = await signUp(h.api);
    await fiveWrongPasswords(user.email);
    const locked = await attempt(user.email, PASSWORD);
    expect({ data: locked.data, codes: codes(locked) }).toEqual({ data: null, codes: ["TOO_MANY_REQUESTS"] });
    expect(locked.errors?.[0]?.extensions?.["retryAfterSec"]).toBe(30);
    h.clock.advance(29_000);
    const stillLocked = await attempt(user.email, PASSWORD);
    expect([codes(stillLocked), stillLocked.errors?.[0]?.extensions?.["retryAfterSec"]]).toEqual([
      ["TOO_MANY_REQUESTS"],
      1,
    ]);
    h.clock.advance(1000);
    await expect(login(h.api, user.email, PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it("lets a locked-out owner reset the password by mail, and the new password then logs in", async () => {
    const user = await signUp(h.api);
    await fiveWrongPasswords(user.email);
    expect(codes(await attempt(user.email, PASSWORD))).toEqual(["TOO_MANY_REQUESTS"]);
    const token = await mailedResetToken(h.api, user.email);
    expect(await must(h.api, RESET_PASSWORD, { token, newPassword: NEW_PASSWORD })).toEqual({ resetPassword: true });
    await expect(login(h.api, user.email, NEW_PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it("evaluates at most 5 of 20 concurrent wrong passwords for one account: the other 15 get TOO_MANY_REQUESTS", async () => {
    const user = await signUp(h.api);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(user.email, `${WRONG_PASSWORD}${i}`)),
    );
    const tally: Record<string, number> = {};
    for (const response of responses) {
      const code = String(codes(response)?.[0]);
      tally[code] = (tally[code] ?? 0) + 1;
    }
    expect(tally).toEqual({ INVALID_CREDENTIALS: 5, TOO_MANY_REQUESTS: 15 });
  });

  it("throttles guesses of the current password through changePassword: after 5 wrong ones, the 6th, even right, gets TOO_MANY_REQUESTS", async () => {
    const user = await signUp(h.api);
    const guess = (currentPassword: string) =>
      h.api.graphql(CHANGE_PASSWORD, { currentPassword, newPassword: OTHER_PASSWORD }, user.token);
    for (let i = 0; i < 5; i++) expect(codes(await guess(`${WRONG_PASSWORD}${i}`))).toEqual(["INVALID_CREDENTIALS"]);
    expect(codes(await guess(PASSWORD))).toEqual(["TOO_MANY_REQUESTS"]);
  });

  it("throttles guesses of the current password through disableTotp: after 5 wrong ones, the 6th, even right, gets TOO_MANY_REQUESTS", async () => {
    const user = await signUp(h.api);
    await turnOnTotp(h, user.token);
    const guess = (password: string) => h.api.graphql(DISABLE_TOTP, { password, code: "000000" }, user.token);
    for (let i = 0; i < 5; i++) expect(codes(await guess(`${WRONG_PASSWORD}${i}`))).toEqual(["INVALID_CREDENTIALS"]);
    // Not TOTP_INVALID, which would tell a session thief that this guess was the password.
    expect(codes(await guess(PASSWORD))).toEqual(["TOO_MANY_REQUESTS"]);
  });

  it("locks an unknown email exactly like a known one, so the lock reveals nothing", async () => {
    const known = await signUp(h.api);
    const unknown = uniqueEmail("nobody");
    await fiveWrongPasswords(known.email);
    await fiveWrongPasswords(unknown);
    const forKnown = await attempt(known.email, WRONG_PASSWORD);
    const forUnknown = await attempt(unknown, WRONG_PASSWORD);
    expect(codes(forKnown)).toEqual(["TOO_MANY_REQUESTS"]);
    expect(forUnknown).toEqual(forKnown);
  });
});

describe("7. password guessing: login throttling per address", () => {
  const h = useApp({ ip: { threshold: 3, baseLockMs: 60_000, maxLockMs: 900_000, windowMs: 900_000 } });

  it("locks the address after failures spread over three accounts, refusing a fourth account's right password (also behind a spoofed X-Forwarded-For) until the lock expires", async () => {
    const admin = await loginAdmin(h.api);
    const accounts = [];
    for (let i = 0; i < 4; i++) accounts.push(await createCustomer(h.api, admin.token));
    for (const account of accounts.slice(0, 3)) {
      const response = await h.api.graphql(LOGIN, { input: { email: account.email, password: WRONG_PASSWORD } });
      expect(codes(response)).toEqual(["INVALID_CREDENTIALS"]);
    }
    const fourth = { input: { email: accounts[3].email, password: PASSWORD } };
    const locked = await h.api.graphql(LOGIN, fourth);
    expect({ data: locked.data, codes: codes(locked) }).toEqual({ data: null, codes: ["TOO_MANY_REQUESTS"] });
    expect(locked.errors?.[0]?.extensions?.["retryAfterSec"]).toBe(60);

    const spoofed = await fetch(`${h.api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
      body: JSON.stringify({ query: LOGIN, variables: fourth }),
    });
    const spoofedBody = (await spoofed.json()) as GraphQLResponse;
    transcript.push({ query: LOGIN, variables: fourth, body: spoofedBody });
    expect(codes(spoofedBody)).toEqual(["TOO_MANY_REQUESTS"]);

    h.clock.advance(61_000);
    await expect(login(h.api, accounts[3].email, PASSWORD)).resolves.toMatchObject({ id: accounts[3].id });
  });
});

// ---------------------------------------------------------------------------------------------

describe("8. MongoDB operator injection through arguments", () => {
  const h = useApp();

  const OPERATOR_OBJECTS: readonly unknown[] = [{ $ne: null }, { $gt: "" }, { $where: "1" }, { $regex: ".*" }];
  /** Operator-looking strings; all too short to be a password, so a password field refuses them. */
  const OPERATOR_STRINGS = ["$ne", ".*", "$where", "$regex"];
  /** For fields that are not passwords, also a JSON operator as text. */
  const OPERATOR_TEXTS = [...OPERATOR_STRINGS, '{"$ne":null}'];

  /** One argument of one operation, and what an operator string in it must get. */
  interface Probe {
    readonly label: string;
    readonly query: string;
    readonly variables: (payload: unknown) => Record<string, unknown>;
    readonly token?: string;
    /** The exact data (no errors) or the error code a string payload gets; undefined: objects only. */
    readonly asString?: { readonly data: unknown } | { readonly code: string };
    /** A password-like field: only the short strings. */
    readonly secret?: boolean;
  }

  /**
   * Sends every payload through every probe and compares, all at once (so a failure lists every
   * mismatch), what each got (status, data or error codes, whether a JWT came back) with what it must.
   */
  async function run(probes: Probe[]) {
    const actual: unknown[] = [];
    const expected: unknown[] = [];
    for (const probe of probes) {
      const payloads = [
        ...OPERATOR_OBJECTS,
        ...(probe.asString === undefined ? [] : probe.secret ? OPERATOR_STRINGS : OPERATOR_TEXTS),
      ];
      for (const payload of payloads) {
        // Each guess is judged on its own: the throttle (tested in blocks 7) would lock after 5.
        await mongoose.connection.db!.collection("login_throttle").deleteMany({});
        const response = await h.api.graphql(probe.query, probe.variables(payload), probe.token);
        const body = JSON.stringify(response);
        actual.push({
          probe: probe.label,
          payload,
          status: response.status,
          ...(response.errors === undefined ? { data: response.data } : { codes: codes(response) }),
          leaksJwt: body.includes("eyJ"),
        });
        const asString = typeof payload === "string" ? probe.asString : undefined;
        expected.push({
          probe: probe.label,
          payload,
          ...(asString === undefined
            ? { status: 400, codes: ["BAD_USER_INPUT"] }
            : "data" in asString
              ? { status: 200, data: asString.data }
              : { status: 200, codes: [asString.code] }),
          leaksJwt: false,
        });
      }
    }
    expect(actual).toEqual(expected);
  }

  let adminToken: string;
  /** A customer whose password the login probes guess. */
  let victim: { email: string; id: string; token: string };
  /** A customer with 2FA on. */
  let totpUser: { email: string; token: string };
  /** A customer with a 2FA setup begun, the probes' own session. */
  let self: { email: string; id: string; token: string };

  beforeAll(async () => {
    adminToken = (await loginAdmin(h.api)).token;
    victim = await createCustomer(h.api, adminToken);
    const withTotp = await createCustomer(h.api, adminToken);
    await turnOnTotp(h, withTotp.token);
    totpUser = withTotp;
    self = await createCustomer(h.api, adminToken);
    await must(h.api, BEGIN_TOTP, {}, self.token);
  });

  /** Runs the probes and checks that the users the admin sees did not change. */
  async function runUnchanged(probes: Probe[]) {
    const before = await must(h.api, SNAPSHOT, {}, adminToken);
    await run(probes);
    expect(await must(h.api, SNAPSHOT, {}, adminToken)).toEqual(before);
  }

  it("refuses operators in login's email, password and totpCode: objects as BAD_USER_INPUT, strings match nothing", async () => {
    await runUnchanged([
      {
        label: "login email",
        query: LOGIN,
        variables: (email) => ({ input: { email, password: PASSWORD } }),
        asString: { code: "INVALID_CREDENTIALS" },
      },
      {
        label: "login password",
        query: LOGIN,
        variables: (password) => ({ input: { email: victim.email, password } }),
        asString: { code: "INVALID_CREDENTIALS" },
        secret: true,
      },
      {
        label: "login totpCode",
        query: LOGIN,
        variables: (totpCode) => ({ input: { email: totpUser.email, password: PASSWORD, totpCode } }),
        asString: { code: "TOTP_INVALID" },
        secret: true,
      },
    ]);
    await expect(login(h.api, victim.email, PASSWORD)).resolves.toMatchObject({ id: victim.id });
  });

  it("refuses operators in register's and createCustomer's fields: objects as BAD_USER_INPUT, strings create no one", async () => {
    const taken = victim.email;
    await runUnchanged([
      {
        label: "register name",
        query: REGISTER,
        variables: (name) => ({ input: { name, email: taken, password: PASSWORD } }),
        asString: { code: "CONFLICT" },
      },
      {
        label: "register email",
        query: REGISTER,
        variables: (email) => ({ input: { name: "Mallory", email, password: PASSWORD } }),
        asString: { code: "BAD_USER_INPUT" },
      },
      {
        label: "register password",
        query: REGISTER,
        variables: (password) => ({ input: { name: "Mallory", email: uniqueEmail("mallory"), password } }),
        asString: { code: "BAD_USER_INPUT" },
        secret: true,
      },
      {
        label: "createCustomer name",
        query: CREATE_CUSTOMER,
        variables: (name) => ({ input: { name, email: taken, password: PASSWORD } }),
        token: adminToken,
        asString: { code: "CONFLICT" },
      },
      {
        label: "createCustomer email",
        query: CREATE_CUSTOMER,
        variables: (email) => ({ input: { name: "Mallory", email, password: PASSWORD } }),
        token: adminToken,
        asString: { code: "BAD_USER_INPUT" },
      },
      {
        label: "createCustomer password",
        query: CREATE_CUSTOMER,
        variables: (password) => ({ input: { name: "Mallory", email: uniqueEmail("mallory"), password } }),
        token: adminToken,
        asString: { code: "BAD_USER_INPUT" },
        secret: true,
      },
    ]);
  });

  it("refuses operators as verify and reset tokens: objects as BAD_USER_INPUT, strings as INVALID_TOKEN", async () => {
    await runUnchanged([
      {
        label: "verifyEmail token",
        query: VERIFY_EMAIL,
        variables: (token) => ({ token }),
        asString: { code: "INVALID_TOKEN" },
      },
      {
        label: "resetPassword token",
        query: RESET_PASSWORD,
        variables: (token) => ({ token, newPassword: NEW_PASSWORD }),
        asString: { code: "INVALID_TOKEN" },
      },
      {
        label: "resetPassword newPassword",
        query: RESET_PASSWORD,
        variables: (newPassword) => ({ token: "no-such-token", newPassword }),
        asString: { code: "INVALID_TOKEN" },
        secret: true,
      },
    ]);
    await expect(login(h.api, victim.email, PASSWORD)).resolves.toMatchObject({ id: victim.id });
  });

  it("answers operators in requestPasswordReset and resendVerificationEmail like any unknown email, and mails no one", async () => {
    const mailsBefore = h.api.mailbox.received.length;
    await runUnchanged([
      {
        label: "requestPasswordReset email",
        query: REQUEST_RESET,
        variables: (email) => ({ email }),
        asString: { data: { requestPasswordReset: true } },
      },
      {
        label: "resendVerificationEmail email",
        query: RESEND_VERIFICATION,
        variables: (email) => ({ email }),
        asString: { data: { resendVerificationEmail: true } },
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.api.mailbox.received.length).toBe(mailsBefore);
  });

  it("refuses operators in the caller's own account operations: objects as BAD_USER_INPUT, strings as wrong credentials or codes", async () => {
    await runUnchanged([
      {
        label: "changePassword currentPassword",
        query: CHANGE_PASSWORD,
        variables: (currentPassword) => ({ currentPassword, newPassword: OTHER_PASSWORD }),
        token: self.token,
        asString: { code: "INVALID_CREDENTIALS" },
        secret: true,
      },
      {
        label: "changePassword newPassword",
        query: CHANGE_PASSWORD,
        variables: (newPassword) => ({ currentPassword: PASSWORD, newPassword }),
        token: self.token,
        asString: { code: "BAD_USER_INPUT" },
        secret: true,
      },
      {
        label: "enableTotp code",
        query: ENABLE_TOTP,
        variables: (code) => ({ code }),
        token: self.token,
        asString: { code: "TOTP_INVALID" },
      },
      {
        label: "disableTotp password",
        query: DISABLE_TOTP,
        variables: (password) => ({ password, code: "123456" }),
        token: totpUser.token,
        asString: { code: "INVALID_CREDENTIALS" },
        secret: true,
      },
      {
        label: "disableTotp code",
        query: DISABLE_TOTP,
        variables: (code) => ({ password: PASSWORD, code }),
        token: totpUser.token,
        asString: { code: "TOTP_INVALID" },
      },
      {
        label: "updateProfile name",
        query: UPDATE_PROFILE,
        variables: (name) => ({ name }),
        token: self.token,
      },
    ]);
    expect(await must(h.api, `{ me { totpEnabled } }`, {}, totpUser.token)).toEqual({ me: { totpEnabled: true } });
    await expect(login(h.api, self.email, PASSWORD)).resolves.toMatchObject({ id: self.id });
  });

  it("refuses operators as user ids in user, deleteCustomer, setBudget, adjustBudget and setTier: objects as BAD_USER_INPUT, strings find no one", async () => {
    await runUnchanged([
      {
        label: "user id",
        query: USER,
        variables: (id) => ({ id }),
        token: adminToken,
        asString: { data: { user: null } },
      },
      {
        label: "deleteCustomer id",
        query: DELETE_CUSTOMER,
        variables: (id) => ({ id }),
        token: adminToken,
        asString: { code: "NOT_FOUND" },
      },
      {
        label: "setBudget userId",
        query: SET_BUDGET,
        variables: (userId) => ({ userId, cents: 777 }),
        token: adminToken,
        asString: { code: "NOT_FOUND" },
      },
      {
        label: "adjustBudget userId",
        query: ADJUST_BUDGET,
        variables: (userId) => ({ userId, cents: 777 }),
        token: adminToken,
        asString: { code: "NOT_FOUND" },
      },
      {
        label: "setTier userId",
        query: SET_TIER,
        variables: (userId) => ({ userId, tier: "PREMIUM" }),
        token: adminToken,
        asString: { code: "NOT_FOUND" },
      },
    ]);
  });

  it("refuses operators in users' filter.search and after: objects as BAD_USER_INPUT, '.*' and '$ne' match only literally (no one)", async () => {
    await runUnchanged([
      {
        label: "users filter.search",
        query: USERS,
        variables: (search) => ({ filter: { search } }),
        token: adminToken,
        asString: { data: { users: { totalCount: 0, nodes: [] } } },
      },
      {
        label: "users after",
        query: USERS,
        variables: (after) => ({ after }),
        token: adminToken,
        asString: { code: "BAD_USER_INPUT" },
      },
    ]);
    // The search is literal: a name that does contain ".*" is found, and only it.
    const dotStar = await must<{ createCustomer: { id: string } }>(
      h.api,
      CREATE_CUSTOMER,
      { input: { name: "Regex .* Fan", email: uniqueEmail("regex"), password: PASSWORD } },
      adminToken,
    );
    const found = await must<{ users: { totalCount: number; nodes: { id: string }[] } }>(
      h.api,
      USERS,
      { filter: { search: ".*" } },
      adminToken,
    );
    expect(found.users).toMatchObject({ totalCount: 1, nodes: [{ id: dotStar.createCustomer.id }] });
  });

  it("refuses operator objects written into the query itself with GRAPHQL_VALIDATION_FAILED or GRAPHQL_PARSE_FAILED", async () => {
    const before = await must(h.api, SNAPSHOT, {}, adminToken);
    const inline = [
      [`mutation { login(input: { email: { ne: null }, password: "x" }) { token } }`, "GRAPHQL_VALIDATION_FAILED"],
      [`mutation { verifyEmail(token: { gt: "" }) }`, "GRAPHQL_VALIDATION_FAILED"],
      [`{ users(filter: { search: { regex: ".*" } }) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"],
      [`mutation { deleteCustomer(id: { where: "1" }) }`, "GRAPHQL_VALIDATION_FAILED"],
      [`mutation { login(input: { email: { $ne: null }, password: "x" }) { token } }`, "GRAPHQL_PARSE_FAILED"],
    ];
    for (const [query, code] of inline) {
      const response = await h.api.graphql(query, {}, adminToken);
      expect({ query, status: response.status, data: response.data, codes: codes(response) }).toEqual({
        query,
        status: 400,
        data: undefined,
        codes: [code],
      });
    }
    expect(await must(h.api, SNAPSHOT, {}, adminToken)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

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

  /** Passwords sent in any request of this file (long enough to be real ones). */
  function passwordsUsed(): string[] {
    const found = new Set<string>([PASSWORD, NEW_PASSWORD, OTHER_PASSWORD, WRONG_PASSWORD, ADMIN_PASSWORD]);
    const walk = (value: unknown, key = "") => {
      if (typeof value === "string" && /password/i.test(key) && value.length >= 8) found.add(value);
      else if (value !== null && typeof value === "object")
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
    };
    for (const exchange of transcript) walk(exchange.variables);
    return [...found];
  }

  /** Every token any app of this file mailed (verification and reset links). */
  const mailedTokens = () =>
    mailboxes.flatMap((mailbox) =>
      mailbox.received.flatMap((mail) => [...mail.text.matchAll(/token=([A-Za-z0-9_-]+)/g)].map((m) => m[1])),
    );

  /** A response body without what it may carry of the caller's own: its fresh token, its TOTP setup. */
  function withoutOwnSecrets(body: unknown): unknown {
    if (typeof body !== "object" || body === null || !("data" in body)) return body;
    const data = (body as { data?: Record<string, unknown> | null }).data;
    if (data === null || data === undefined) return body;
    const copy: Record<string, unknown> = { ...data };
    for (const field of ["login", "changePassword"]) {
      const payload = copy[field] as { token?: string; user?: { id?: string } } | undefined;
      if (payload?.token === undefined) continue;
      // The token in an AuthPayload belongs to the user beside it.
      if (payload.user?.id !== undefined) {
        expect((jwt.decode(payload.token) as { sub?: string } | null)?.sub).toBe(payload.user.id);
      }
      copy[field] = { ...payload, token: "(own token)" };
    }
    if (copy["register"] !== undefined) copy["register"] = { ...(copy["register"] as object), totpSetup: "(own)" };
    if (copy["beginTotpSetup"] !== undefined) copy["beginTotpSetup"] = "(own setup)";
    return { ...(body as object), data: copy };
  }

  /** TOTP secrets handed out in this file (each to its own user, in a TotpSetup). */
  function totpSecrets(): string[] {
    return transcript.flatMap(({ body }) => {
      const data = (body as { data?: Record<string, { secret?: string; totpSetup?: { secret?: string } | null }> })
        .data;
      return [data?.["beginTotpSetup"]?.secret, data?.["register"]?.totpSetup?.secret].filter(
        (s): s is string => typeof s === "string",
      );
    });
  }

  /** What must never show: each secret known so far, named by kind, and the marks of hashes and JWTs. */
  function knownSecrets(): { what: string; value: string }[] {
    return [
      ...passwordsUsed().map((value) => ({ what: `password "${value}"`, value })),
      ...mailedTokens().map((value) => ({ what: `mailed token ${value}`, value })),
      ...totpSecrets().map((value) => ({ what: `TOTP secret ${value}`, value })),
      { what: "an argon2 hash", value: "$argon2" },
      { what: "a JWT", value: "eyJ" },
    ];
  }

  /** The secrets found in `text`. */
  const secretsIn = (text: string, secrets = knownSecrets()) =>
    secrets.filter(({ value }) => text.includes(value)).map(({ what }) => what);

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
    const secrets = knownSecrets();
    const leaks = transcript.flatMap(({ query, body }) =>
      secretsIn(typeof body === "string" ? body : JSON.stringify(withoutOwnSecrets(body)), secrets).map((what) => ({
        query,
        what,
      })),
    );
    expect(leaks).toEqual([]);
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

/**
 * Password guessing: login throttling per account and per address. Run against the real server
 * (HTTP and graphql-ws), a real SMTP peer and the embedded database; each describe has an app, a
 * clock and a database of its own (helpers/auth-attacks.ts).
 */
import {
  createCustomer,
  LOGIN,
  login,
  loginAdmin,
  must,
  NEW_PASSWORD,
  PASSWORD,
  signUp,
  uniqueEmail,
} from "../helpers/accounts";
import { codes, mailedResetToken, transcript, turnOnTotp, useApp } from "../helpers/auth-attacks";
import {
  CHANGE_PASSWORD,
  DISABLE_TOTP,
  OTHER_PASSWORD,
  RESET_PASSWORD,
  WRONG_PASSWORD,
} from "../helpers/auth-operations";
import type { GraphQLResponse } from "../helpers/test-app";
import { itSendsNoSecrets } from "../support/secret-leaks";

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

itSendsNoSecrets();

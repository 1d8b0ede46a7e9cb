/**
 * Replayed and stale authenticator codes: each TOTP code logs in once, within one step either
 * side. Run against the real server (HTTP and graphql-ws), a real SMTP peer and the embedded
 * database; each describe has an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
import { LOGIN, signUp } from "../helpers/accounts";
import { alignToStep, claimsOf, codes, epochOf, totpAt, turnOnTotp, useApp } from "../helpers/auth-attacks";
import { itSendsNoSecrets } from "../support/secret-leaks";

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

itSendsNoSecrets();

/**
 * Replayed, expired and misused one-time tokens (email verification and password reset). Run
 * against the real server (HTTP and graphql-ws), a real SMTP peer and the embedded database; each
 * describe has an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
import { LOGIN, login, must, NEW_PASSWORD, PASSWORD, signUp } from "../helpers/accounts";
import { codes, mailedResetToken, registerUnverified, useApp } from "../helpers/auth-attacks";
import { OTHER_PASSWORD, RESET_PASSWORD, VERIFY_EMAIL } from "../helpers/auth-operations";
import { itSendsNoSecrets } from "../support/secret-leaks";

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

itSendsNoSecrets();

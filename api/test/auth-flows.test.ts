import { generate } from "otplib";
import { ManualClock } from "../src/clock";
import { LOGIN, must, NEW_PASSWORD, PASSWORD, REGISTER, signUp, uniqueEmail, login } from "./helpers/accounts";
import { tokenFromMail } from "./helpers/mailbox";
import { startTestApp, wsRequest, type TestApp } from "./helpers/test-app";

describe("account flows (real server, real SMTP peer)", () => {
  let api: TestApp;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    api = await startTestApp({ clock });
  });
  afterAll(async () => {
    await api.stop();
  });

  /** The code an authenticator app shows now (by the app's clock). */
  const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

  it("registers, mails a verification link built from PUBLIC_URL, verifies and logs in", async () => {
    const email = uniqueEmail("flow");
    const registered = await must<{ register: { user: { email: string; emailVerified: boolean }; totpSetup: null } }>(
      api,
      REGISTER,
      {
        input: { name: "Ada Lovelace", email: email.toUpperCase(), password: PASSWORD },
      },
    );
    expect(registered.register.user).toMatchObject({ email, emailVerified: false });
    expect(registered.register.totpSetup).toBeNull();

    const mail = await api.mailbox.next(email);
    expect(mail.subject).toMatch(/confirm your email/i);
    expect(mail.text).toContain("http://orderflow.test/verify-email?token=");
    expect(mail.html).toContain("http://orderflow.test/verify-email?token=");

    expect((await api.graphql(LOGIN, { input: { email, password: PASSWORD } })).errors?.[0]?.extensions?.code).toBe(
      "EMAIL_NOT_VERIFIED",
    );
    expect(
      await must(api, `mutation($t: String!) { verifyEmail(token: $t) }`, { t: tokenFromMail(mail, "/verify-email") }),
    ).toEqual({
      verifyEmail: true,
    });
    const { token } = await login(api, email, PASSWORD);
    expect(await must(api, "{ me { email emailVerified role } }", {}, token)).toEqual({
      me: { email, emailVerified: true, role: "CUSTOMER" },
    });
  });

  it("sets up 2FA chosen at registration: active after enableTotp, then required at login", async () => {
    const email = uniqueEmail("totp");
    const { register } = await must<{
      register: { totpSetup: { secret: string; otpauthUrl: string; qrCodeDataUrl: string } };
    }>(api, REGISTER, { input: { name: "Alan Turing", email, password: PASSWORD, enableTotp: true } });
    const { secret, otpauthUrl, qrCodeDataUrl } = register.totpSetup;
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/OrderFlow:.+\?.*secret=/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    await must(api, `mutation($t: String!) { verifyEmail(token: $t) }`, {
      t: tokenFromMail(await api.mailbox.next(email), "/verify-email"),
    });
    const first = await login(api, email, PASSWORD); // 2FA is not active until confirmed
    expect(
      await must(
        api,
        `mutation($c: String!) { enableTotp(code: $c) { totpEnabled } }`,
        { c: await codeNow(secret) },
        first.token,
      ),
    ).toEqual({
      enableTotp: { totpEnabled: true },
    });

    expect((await api.graphql(LOGIN, { input: { email, password: PASSWORD } })).errors?.[0]?.extensions?.code).toBe(
      "TOTP_REQUIRED",
    );
    clock.advance(30_000);
    const second = await login(api, email, PASSWORD, await codeNow(secret));
    expect(second.token).toEqual(expect.any(String));
  });

  it("resets a forgotten password: mail, reset, old token rejected, new password works", async () => {
    const user = await signUp(api);
    expect(await must(api, `mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: user.email })).toEqual({
      requestPasswordReset: true,
    });
    const mail = await api.mailbox.next(user.email);
    expect(mail.text).toContain("http://orderflow.test/reset-password?token=");

    expect(
      await must(api, `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`, {
        t: tokenFromMail(mail, "/reset-password"),
        p: NEW_PASSWORD,
      }),
    ).toEqual({ resetPassword: true });

    expect((await api.graphql("{ me { id } }", {}, user.token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(
      (await api.graphql(LOGIN, { input: { email: user.email, password: PASSWORD } })).errors?.[0]?.extensions?.code,
    ).toBe("INVALID_CREDENTIALS");
    await expect(login(api, user.email, NEW_PASSWORD)).resolves.toEqual(expect.objectContaining({ id: user.id }));
  });

  it("changes the password: older tokens stop working, their sockets close, the fresh one works", async () => {
    const user = await signUp(api);
    const socket = api.wsClient(user.token, { lazy: false });
    expect(await wsRequest(socket, "{ me { id } }")).toEqual({ data: { me: { id: user.id } } });
    const closed = new Promise<number>((resolve) =>
      socket.on("closed", (event) => resolve((event as { code: number }).code)),
    );

    const { changePassword } = await must<{ changePassword: { token: string } }>(
      api,
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token user { id } } }`,
      { c: PASSWORD, n: NEW_PASSWORD },
      user.token,
    );

    expect(await closed).toBe(4403);
    expect((await api.graphql("{ me { id } }", {}, user.token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await must(api, "{ me { id } }", {}, changePassword.token)).toEqual({ me: { id: user.id } });
  });

  it("refuses to change the password without the right current one", async () => {
    const user = await signUp(api);
    const response = await api.graphql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`,
      { c: "not my password at all", n: NEW_PASSWORD },
      user.token,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    await expect(login(api, user.email, PASSWORD)).resolves.toBeDefined();
  });

  it("logs out: every token of the user stops working", async () => {
    const user = await signUp(api);
    const other = await login(api, user.email, PASSWORD);
    expect(await must(api, "mutation { logout }", {}, user.token)).toEqual({ logout: true });
    for (const token of [user.token, other.token]) {
      expect((await api.graphql("{ me { id } }", {}, token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("updates the caller's name and refuses an empty one", async () => {
    const user = await signUp(api);
    expect(await must(api, `mutation { updateProfile(name: "  Grace B. Hopper ") { name } }`, {}, user.token)).toEqual({
      updateProfile: { name: "Grace B. Hopper" },
    });
    const bad = await api.graphql(`mutation { updateProfile(name: "   ") { name } }`, {}, user.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
  });

  it("refuses weak passwords at registration with advice", async () => {
    for (const password of ["short", "password123", "qwertyuiop"]) {
      const response = await api.graphql(REGISTER, { input: { name: "Weak", email: uniqueEmail("weak"), password } });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
    }
  });

  it("refuses a second account with the same email (any case) with CONFLICT", async () => {
    const user = await signUp(api);
    const response = await api.graphql(REGISTER, {
      input: { name: "Twin", email: user.email.toUpperCase(), password: PASSWORD },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});

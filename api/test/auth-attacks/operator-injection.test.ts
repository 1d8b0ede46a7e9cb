/**
 * MongoDB operator injection through the arguments of every account and user operation. Run
 * against the real server (HTTP and graphql-ws), a real SMTP peer and the embedded database; each
 * describe has an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
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
import { codes, turnOnTotp, useApp } from "../helpers/auth-attacks";
import {
  ADJUST_BUDGET,
  BEGIN_TOTP,
  CHANGE_PASSWORD,
  CREATE_CUSTOMER,
  DELETE_CUSTOMER,
  DISABLE_TOTP,
  ENABLE_TOTP,
  OTHER_PASSWORD,
  REQUEST_RESET,
  RESEND_VERIFICATION,
  RESET_PASSWORD,
  SET_BUDGET,
  SET_TIER,
  SNAPSHOT,
  UPDATE_PROFILE,
  USER,
  USERS,
  VERIFY_EMAIL,
} from "../helpers/auth-operations";
import { itSendsNoSecrets } from "../support/secret-leaks";

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
        // Each guess is judged on its own: the throttle (tested in login-throttling.test.ts) would lock after 5.
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

itSendsNoSecrets();

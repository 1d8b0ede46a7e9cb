/**
 * Privilege escalation: admin and account operations attempted by a customer or an anonymous
 * caller. Run against the real server (HTTP and graphql-ws), a real SMTP peer and the embedded
 * database; each describe has an app, a clock and a database of its own (helpers/auth-attacks.ts).
 */
import { createCustomer, login, loginAdmin, must, PASSWORD, uniqueEmail } from "../helpers/accounts";
import { codes, snapshot, useApp } from "../helpers/auth-attacks";
import {
  ADJUST_BUDGET,
  BEGIN_TOTP,
  CHANGE_PASSWORD,
  CREATE_CUSTOMER,
  DELETE_CUSTOMER,
  DISABLE_TOTP,
  ENABLE_TOTP,
  LOGOUT,
  ME,
  OTHER_PASSWORD,
  SET_BUDGET,
  SET_TIER,
  UPDATE_PROFILE,
  USER,
  USERS,
} from "../helpers/auth-operations";
import { itSendsNoSecrets } from "../support/secret-leaks";

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

itSendsNoSecrets();

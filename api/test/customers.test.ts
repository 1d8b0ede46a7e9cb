import mongoose from "mongoose";
import {
  ADMIN_ENV,
  createCustomer,
  LOGIN,
  loginAdmin,
  must,
  PASSWORD,
  REGISTER,
  uniqueEmail,
} from "./helpers/accounts";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface UserRow {
  id: string;
  name: string;
  email: string;
  tier: string;
  budgetCents: number;
  totalSpentCents: number;
  emailVerified: boolean;
  deletedAt: string | null;
}
const USER_FIELDS = "id name email tier budgetCents totalSpentCents emailVerified deletedAt";

describe("customer administration", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  const getUser = async (id: string) =>
    (await must<{ user: UserRow }>(api, `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, { id }, admin)).user;
  const deposited = async (id: string) =>
    (await mongoose.connection.db!.collection("users").findOne({ _id: new mongoose.Types.ObjectId(id) }))?.[
      "depositedCents"
    ] as number;

  describe("createCustomer", () => {
    it("creates a verified customer who can log in at once, and logs it", async () => {
      const email = uniqueEmail("new");
      const { createCustomer: created } = await must<{ createCustomer: UserRow }>(
        api,
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ${USER_FIELDS} } }`,
        { input: { name: "Premium Pat", email, password: PASSWORD, tier: "PREMIUM", budgetCents: 50_000 } },
        admin,
      );
      expect(created).toMatchObject({
        email,
        tier: "PREMIUM",
        budgetCents: 50_000,
        totalSpentCents: 0,
        emailVerified: true,
      });
      expect((await api.graphql(LOGIN, { input: { email, password: PASSWORD } })).errors).toBeUndefined();
      expect(await deposited(created.id)).toBe(50_000);
      const log = await mongoose.connection
        .db!.collection("logs")
        .findOne({ type: "USER", userId: new mongoose.Types.ObjectId(created.id) });
      expect(log?.["message"]).toMatch(/added/);
    });

    it("defaults to STANDARD with no budget", async () => {
      const { createCustomer: created } = await must<{ createCustomer: UserRow }>(
        api,
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { tier budgetCents } }`,
        { input: { name: "Sam", email: uniqueEmail(), password: PASSWORD } },
        admin,
      );
      expect(created).toEqual({ tier: "STANDARD", budgetCents: 0 });
    });

    it.each([
      ["a negative budget", { budgetCents: -1 }, "budgetCents"],
      ["a budget over the cap", { budgetCents: 1_000_000_000_001 }, "budgetCents"],
      ["a bad email", { email: "not-an-email" }, "email"],
      ["a weak password", { password: "password" }, "password"],
      ["an empty name", { name: " " }, "name"],
    ])("refuses %s with BAD_USER_INPUT and creates nothing", async (_label, override, field) => {
      const before = (await must<{ users: { totalCount: number } }>(api, "{ users { totalCount } }", {}, admin)).users
        .totalCount;
      const response = await api.graphql(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { name: "X", email: uniqueEmail(), password: PASSWORD, ...override } },
        admin,
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(
        (await must<{ users: { totalCount: number } }>(api, "{ users { totalCount } }", {}, admin)).users.totalCount,
      ).toBe(before);
    });
  });

  describe("users", () => {
    it("pages newest first with a cursor and a total count", async () => {
      for (let i = 0; i < 3; i++) await createCustomer(api, admin);
      const all = await must<{ users: { totalCount: number; nodes: { id: string }[] } }>(
        api,
        "{ users(first: 100) { totalCount nodes { id } } }",
        {},
        admin,
      );
      const first = await must<{
        users: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      }>(api, "{ users(first: 2) { nodes { id } pageInfo { endCursor hasNextPage } } }", {}, admin);
      const second = await must<{ users: { nodes: { id: string }[] } }>(
        api,
        "query($after: String) { users(first: 2, after: $after) { nodes { id } } }",
        { after: first.users.pageInfo.endCursor },
        admin,
      );
      expect(first.users.pageInfo.hasNextPage).toBe(true);
      expect([...first.users.nodes, ...second.users.nodes].map((n) => n.id)).toEqual(
        all.users.nodes.slice(0, 4).map((n) => n.id),
      );
      expect(all.users.totalCount).toBe(all.users.nodes.length);
    });

    it("finds by part of the name or email, any case, taking the search literally", async () => {
      const { email } = await createCustomer(api, admin);
      const part = email.split("@")[0].slice(-9).toUpperCase(); // "<counter>-<random>": this customer only
      const found = await must<{ users: { nodes: { email: string }[] } }>(
        api,
        "query($s: String) { users(filter: { search: $s }) { nodes { email } } }",
        { s: part },
        admin,
      );
      expect(found.users.nodes.map((n) => n.email)).toEqual([email]);
      const regex = await must<{ users: { totalCount: number } }>(
        api,
        `{ users(filter: { search: ".*" }) { totalCount } }`,
        {},
        admin,
      );
      expect(regex.users.totalCount).toBe(0);
    });

    it("filters by tier", async () => {
      await createCustomer(api, admin, { tier: "PREMIUM" });
      const premium = await must<{ users: { nodes: { tier: string }[] } }>(
        api,
        "{ users(filter: { tier: PREMIUM }, first: 100) { nodes { tier } } }",
        {},
        admin,
      );
      expect(premium.users.nodes.length).toBeGreaterThan(0);
      expect(premium.users.nodes.every((n) => n.tier === "PREMIUM")).toBe(true);
    });

    it("refuses a page size out of 1..100 and a forged cursor with BAD_USER_INPUT, and treats null as the default", async () => {
      for (const query of [
        "{ users(first: 0) { totalCount } }",
        "{ users(first: 101) { totalCount } }",
        `{ users(after: "bm9wZQ") { totalCount } }`,
      ]) {
        expect((await api.graphql(query, {}, admin)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      }
      expect((await api.graphql("{ users(first: null) { totalCount } }", {}, admin)).errors).toBeUndefined();
    });
  });

  describe("budgets", () => {
    it("sets the available budget and records the difference as deposited", async () => {
      const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
      const { setBudget } = await must<{ setBudget: UserRow }>(
        api,
        `mutation($id: ID!) { setBudget(userId: $id, budgetCents: 400) { budgetCents } }`,
        { id: customer.id },
        admin,
      );
      expect(setBudget.budgetCents).toBe(400);
      expect(await deposited(customer.id)).toBe(400);
    });

    it("adjusts up and down but never below zero", async () => {
      const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
      await must(
        api,
        `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: 500) { budgetCents } }`,
        { id: customer.id },
        admin,
      );
      const tooMuch = await api.graphql(
        `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: -1501) { budgetCents } }`,
        { id: customer.id },
        admin,
      );
      expect(tooMuch.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(tooMuch.errors?.[0]?.message).toBe("The budget cannot go below zero: $15.00 is available.");
      expect((await getUser(customer.id)).budgetCents).toBe(1_500);
    });

    it("never overdraws under concurrent adjustments", async () => {
      const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
      const results = await Promise.all(
        Array.from({ length: 25 }, () =>
          api.graphql(
            `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: -100) { budgetCents } }`,
            { id: customer.id },
            admin,
          ),
        ),
      );
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(10);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "BAD_USER_INPUT")).toHaveLength(15);
      expect((await getUser(customer.id)).budgetCents).toBe(0);
      expect(await deposited(customer.id)).toBe(0);
    });

    it("keeps deposited = budget when sets and adjustments race", async () => {
      const customer = await createCustomer(api, admin, { budgetCents: 0 });
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) =>
          api.graphql(
            `mutation($id: ID!, $b: SafeInt!) { setBudget(userId: $id, budgetCents: $b) { id } }`,
            { id: customer.id, b: 1000 * (i + 1) },
            admin,
          ),
        ),
        ...Array.from({ length: 10 }, () =>
          api.graphql(
            `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: 7) { id } }`,
            { id: customer.id },
            admin,
          ),
        ),
      ]);
      expect(await deposited(customer.id)).toBe((await getUser(customer.id)).budgetCents);
    });
  });

  it("changes the tier and logs the change", async () => {
    const customer = await createCustomer(api, admin);
    expect(
      await must(
        api,
        `mutation($id: ID!) { setTier(userId: $id, tier: PREMIUM) { tier } }`,
        { id: customer.id },
        admin,
      ),
    ).toEqual({
      setTier: { tier: "PREMIUM" },
    });
    const log = await mongoose.connection
      .db!.collection("logs")
      .findOne({ userId: new mongoose.Types.ObjectId(customer.id), "data.to": "PREMIUM" });
    expect(log?.["message"]).toMatch(/STANDARD to PREMIUM/);
  });

  describe("deleteCustomer", () => {
    it("soft-deletes: gone from the list, still readable by id, tokens revoked, email free again", async () => {
      const customer = await createCustomer(api, admin);
      expect(await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: customer.id }, admin)).toEqual({
        deleteCustomer: true,
      });

      const list = await must<{ users: { nodes: { id: string }[] } }>(
        api,
        "{ users(first: 100) { nodes { id } } }",
        {},
        admin,
      );
      expect(list.users.nodes.map((n) => n.id)).not.toContain(customer.id);
      expect((await getUser(customer.id)).deletedAt).toEqual(expect.any(String));
      expect((await api.graphql("{ me { id } }", {}, customer.token)).errors?.[0]?.extensions?.code).toBe(
        "UNAUTHENTICATED",
      );
      expect(
        (await api.graphql(LOGIN, { input: { email: customer.email, password: PASSWORD } })).errors?.[0]?.extensions
          ?.code,
      ).toBe("INVALID_CREDENTIALS");
      expect(
        (await api.graphql(REGISTER, { input: { name: "Again", email: customer.email, password: PASSWORD } })).errors,
      ).toBeUndefined();
    });

    it("says NOT_FOUND for an unknown or already deleted customer", async () => {
      const customer = await createCustomer(api, admin);
      await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: customer.id }, admin);
      for (const id of [customer.id, "0123456789abcdef01234567", "not-an-id"]) {
        expect(
          (await api.graphql(`mutation($id: ID!) { deleteCustomer(id: $id) }`, { id }, admin)).errors?.[0]?.extensions
            ?.code,
        ).toBe("NOT_FOUND");
      }
    });
  });
});

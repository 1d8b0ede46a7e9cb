import mongoose, { type mongo } from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, login, must, PASSWORD } from "./helpers/accounts";
import { startTestApp, type TestApp } from "./helpers/test-app";

/** The session user is read once per token version; revocations still apply to the next request. */
describe("session reads", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV, monitorCommands: true, scheduler: { enabled: false } });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  /** The finds on the users collection that one request issues. */
  async function userReadsFor(query: string, token: string): Promise<number> {
    const client = mongoose.connection.getClient();
    let reads = 0;
    const listener = (event: mongo.CommandStartedEvent) => {
      if (event.commandName === "find" && event.command["find"] === "users") reads += 1;
    };
    client.on("commandStarted", listener);
    try {
      await must(api, query, {}, token);
    } finally {
      client.off("commandStarted", listener);
    }
    return reads;
  }

  it("reads the user for a token's first request only", async () => {
    const customer = await createCustomer(api, admin);
    const query = "{ orders(first: 1) { nodes { id } } }";
    expect(await userReadsFor(query, customer.token)).toBe(1);
    expect(await userReadsFor(query, customer.token)).toBe(0);
    expect(await userReadsFor(query, customer.token)).toBe(0);
  });

  it("still reads `me` fresh: an admin's change shows at once", async () => {
    const customer = await createCustomer(api, admin, { budgetCents: 100 });
    expect(await must(api, "{ me { budgetCents } }", {}, customer.token)).toEqual({ me: { budgetCents: 100 } });
    await must(
      api,
      `mutation($id: ID!) { setBudget(userId: $id, budgetCents: 700) { id } }`,
      { id: customer.id },
      admin,
    );
    expect(await must(api, "{ me { budgetCents } }", {}, customer.token)).toEqual({ me: { budgetCents: 700 } });
  });

  it("refuses a known token on the request right after its user was deleted or logged out elsewhere", async () => {
    const deleted = await createCustomer(api, admin);
    const loggedOut = await createCustomer(api, admin);
    const elsewhere = await login(api, loggedOut.email, PASSWORD);
    for (const token of [deleted.token, loggedOut.token]) await must(api, "{ me { id } }", {}, token);
    await must(api, `mutation($id: ID!) { deleteCustomer(id: $id) }`, { id: deleted.id }, admin);
    await must(api, "mutation { logout }", {}, elsewhere.token);
    for (const token of [deleted.token, loggedOut.token]) {
      expect((await api.graphql("{ me { id } }", {}, token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });
});

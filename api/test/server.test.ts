import { CloseCode } from "graphql-ws";
import { Role } from "../src/modules/users";
import { UserModel } from "../src/modules/users/user.model";
import { startTestApp, wsRequest, type TestApp } from "./helpers/test-app";

describe("the API server", () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.stop();
  });

  async function createUser(role = Role.CUSTOMER) {
    const email = `ada-${Math.random().toString(36).slice(2)}@example.com`;
    const user = await UserModel.create({
      name: "Ada",
      email,
      emailKey: email,
      passwordHash: "not-a-real-hash",
      role,
      emailVerifiedAt: new Date(),
    });
    const token = api.app.tokens.sign({ userId: user.id, role, version: user.tokenVersion });
    return { user, token };
  }

  describe("over HTTP", () => {
    it("answers { __typename } at /graphql", async () => {
      const response = await api.graphql("{ __typename }");
      expect(response).toEqual({ status: 200, data: { __typename: "Query" } });
    });

    it("says it is alive at /healthz and ready at /readyz", async () => {
      const health = await fetch(`${api.url}/healthz`);
      const ready = await fetch(`${api.url}/readyz`);
      expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
      expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    });

    it("returns null for me when anonymous", async () => {
      expect((await api.graphql("{ me { id } }")).data).toEqual({ me: null });
    });

    it("returns the logged-in user for me, without secrets", async () => {
      const { user, token } = await createUser();
      const response = await api.graphql<{ me: Record<string, unknown> }>(
        "{ me { id name email role tier budgetCents totalSpentCents emailVerified totpEnabled createdAt deletedAt } }",
        {},
        token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.me).toEqual({
        id: user.id,
        name: "Ada",
        email: user.email,
        role: "CUSTOMER",
        tier: "STANDARD",
        budgetCents: 0,
        totalSpentCents: 0,
        emailVerified: true,
        totpEnabled: false,
        createdAt: user.createdAt.toISOString(),
        deletedAt: null,
      });
    });

    it("refuses a malformed token with UNAUTHENTICATED and status 401", async () => {
      const response = await api.graphql("{ me { id } }", {}, "not.a.token");
      expect(response.status).toBe(401);
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    });

    it("refuses a token whose user's tokenVersion moved on", async () => {
      const { user, token } = await createUser();
      await UserModel.updateOne({ _id: user._id }, { $inc: { tokenVersion: 1 } });
      const response = await api.graphql("{ me { id } }", {}, token);
      expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });

    it("reports a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED", async () => {
      expect((await api.graphql("{ me { ")).errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
      expect((await api.graphql("{ nope }")).errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    });

    it("refuses a GET query without a preflight header (CSRF prevention)", async () => {
      const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
      expect(response.status).toBe(400);
    });
  });

  describe("over graphql-ws on the same path", () => {
    it("answers { __typename }", async () => {
      expect(await wsRequest(api.wsClient(), "{ __typename }")).toEqual({ data: { __typename: "Query" } });
    });

    it("authenticates from the connection_init payload", async () => {
      const { user, token } = await createUser(Role.ADMIN);
      expect(await wsRequest(api.wsClient(token), "{ me { id role } }")).toEqual({
        data: { me: { id: user.id, role: "ADMIN" } },
      });
    });

    it("closes the socket with 4403 for a bad token", async () => {
      await expect(wsRequest(api.wsClient("bad.token.here"), "{ __typename }")).rejects.toMatchObject({
        code: CloseCode.Forbidden,
      });
    });

    it("formats validation errors with the same codes as HTTP", async () => {
      const result = await wsRequest(api.wsClient(), "{ nope }");
      expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    });
  });
});

/**
 * Every operation of the schema checks an API token's scope (graphql/scopes.ts): walked from the
 * schema itself, so an operation added later is covered without touching this file. Over real
 * HTTP (queries, mutations) and a real graphql-ws socket (subscriptions).
 */
import { buildAppSchema } from "../src/graphql/schema";
import { ADMIN_ENV, loginAdmin } from "./helpers/accounts";
import { ALL_SCOPES, createToken, rootOperations, type RootOperation } from "./helpers/api-tokens";
import { startTestApp, wsRequest, type GraphQLResponse, type TestApp } from "./helpers/test-app";

type Errors = GraphQLResponse["errors"];

describe("API token scopes on every operation", () => {
  let api: TestApp;
  let operations: RootOperation[];
  /** A token with every scope, and for each scope a token with every other one. */
  let everything: string;
  const allBut = new Map<string, string>();

  beforeAll(async () => {
    api = await startTestApp({ env: { ...ADMIN_ENV, API_TOKEN_BURST: "100000" } });
    operations = rootOperations(await buildAppSchema());
    const admin = await loginAdmin(api);
    everything = (await createToken(api, admin.token, ALL_SCOPES)).token;
    for (const scope of ALL_SCOPES) {
      allBut.set(
        scope,
        (
          await createToken(
            api,
            admin.token,
            ALL_SCOPES.filter((s) => s !== scope),
          )
        ).token,
      );
    }
  });
  afterAll(() => api.stop());

  /** The errors of one call of the operation with the token, over the transport its kind uses. */
  async function call(operation: RootOperation, token: string): Promise<Errors> {
    if (operation.kind !== "subscription") return (await api.graphql(operation.document, {}, token)).errors;
    const client = api.wsClient(token);
    const result = await Promise.race([
      wsRequest(client, operation.document),
      new Promise<{ errors?: Errors }>((resolve) => setTimeout(() => resolve({}), 500)),
    ]);
    await client.dispose();
    return result.errors;
  }

  it("walks every query, mutation and subscription, and most declare a scope", () => {
    expect(operations.length).toBeGreaterThan(40);
    const kinds = new Set(operations.map((o) => o.kind));
    expect(kinds).toEqual(new Set(["query", "mutation", "subscription"]));
    expect(operations.filter((o) => o.scope !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  it("refuses each operation that declares a scope to a token lacking only that scope", async () => {
    const refusals: Record<string, unknown> = {};
    for (const operation of operations.filter((o) => o.scope !== undefined)) {
      const errors = await call(operation, allBut.get(operation.scope!)!);
      refusals[operation.field] = errors?.map((e) => [e.extensions?.code, e.extensions?.["scope"]]);
    }
    const expected = Object.fromEntries(
      operations.filter((o) => o.scope !== undefined).map((o) => [o.field, [["FORBIDDEN", o.scope]]]),
    );
    expect(refusals).toEqual(expected);
  });

  it("refuses every operation that declares no scope to a token holding every scope", async () => {
    const refusals: Record<string, unknown> = {};
    const undeclared = operations.filter((o) => o.scope === undefined);
    for (const operation of undeclared) {
      refusals[operation.field] = (await call(operation, everything))?.map((e) => e.extensions?.code);
    }
    expect(undeclared.map((o) => o.field)).toEqual(
      expect.arrayContaining(["login", "createApiToken", "apiTokens", "revokeApiToken", "changePassword", "me"]),
    );
    expect(refusals).toEqual(Object.fromEntries(undeclared.map((o) => [o.field, ["FORBIDDEN"]])));
  });

  it("lets a token with the scope past the check (queries and mutations: other answers than FORBIDDEN)", async () => {
    const forbidden: string[] = [];
    for (const operation of operations.filter((o) => o.scope !== undefined && o.kind !== "subscription")) {
      const errors = await call(operation, everything);
      if (errors?.some((e) => e.extensions?.code === "FORBIDDEN")) forbidden.push(operation.field);
    }
    expect(forbidden).toEqual([]);
  });
});

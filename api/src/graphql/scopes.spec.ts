import { buildSchema, graphql, type GraphQLObjectType } from "graphql";
import { Role } from "../modules/users/role";
import type { ApiScope } from "./api-scopes";
import { ForbiddenError } from "./errors";
import { assertScope, enforceScopes } from "./scopes";
import type { Viewer } from "./viewer";

const token = (...scopes: ApiScope[]): Viewer => ({
  id: "admin",
  role: Role.ADMIN,
  apiToken: { id: "t1", scopes: new Set(scopes) },
});

describe("assertScope()", () => {
  it("lets people through whatever the field declares", () => {
    expect(() => assertScope({ id: "u", role: Role.CUSTOMER }, undefined, "Query.me")).not.toThrow();
    expect(() => assertScope(null, "orders:read", "Query.orders")).not.toThrow();
  });

  it("refuses a token a field that declares no scope", () => {
    expect(() => assertScope(token("orders:read"), undefined, "Mutation.login")).toThrow(ForbiddenError);
  });

  it("refuses a token without the declared scope, naming it", () => {
    expect(() => assertScope(token("orders:read"), "stock:write", "Mutation.setStock")).toThrow(
      "This API token lacks the scope stock:write, which Mutation.setStock needs.",
    );
  });

  it("lets a token with the declared scope through", () => {
    expect(() => assertScope(token("orders:read"), "orders:read", "Query.orders")).not.toThrow();
  });
});

describe("enforceScopes()", () => {
  const schema = enforceScopes(
    buildSchema("type Query { open: Int, scoped: Thing } type Thing { plain: Int, guarded: Int }"),
  );
  const query = schema.getQueryType()!.getFields();
  const thing = schema.getType("Thing") as GraphQLObjectType;

  it("guards every root field, and leaves unscoped nested fields unwrapped", () => {
    expect(query["open"].resolve).toBeDefined();
    expect(thing.getFields()["plain"].resolve).toBeUndefined();
  });

  it("refuses a token a root field without a scope", async () => {
    const result = await graphql({ schema, source: "{ open }", contextValue: { viewer: token("orders:read") } });
    expect(result.errors?.[0]?.extensions["code"]).toBe("FORBIDDEN");
  });
});

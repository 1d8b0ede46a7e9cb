import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { API_SCOPES, type ApiScope } from "../../src/graphql/api-scopes";
import { scopeOf } from "../../src/graphql/scopes";
import { must } from "./accounts";
import type { TestApp } from "./test-app";

export const ALL_SCOPES = Object.keys(API_SCOPES) as ApiScope[];

export const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name scopes createdAt expiresAt lastUsedAt revokedAt } }
}`;
export const REVOKE_TOKEN = "mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }";
export const LIST_TOKENS = "{ apiTokens { id name scopes createdAt expiresAt lastUsedAt revokedAt } }";

/** Creates an API token as the admin (a person's session) and returns its secret and id. */
export async function createToken(
  api: TestApp,
  adminToken: string,
  scopes: readonly string[],
  options: { name?: string; expiresAt?: Date } = {},
): Promise<{ token: string; id: string }> {
  const data = await must<{ createApiToken: { token: string; apiToken: { id: string } } }>(
    api,
    CREATE_TOKEN,
    {
      input: {
        name: options.name ?? "integration",
        scopes,
        ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt.toISOString() }),
      },
    },
    adminToken,
  );
  return { token: data.createApiToken.token, id: data.createApiToken.apiToken.id };
}

/** One root field of the schema, with a document that calls it with well-formed arguments. */
export interface RootOperation {
  readonly kind: "query" | "mutation" | "subscription";
  readonly field: string;
  readonly scope: ApiScope | undefined;
  readonly document: string;
}

/** Every Query, Mutation and Subscription field of the schema, each as a callable document. */
export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) =>
    Object.values(type?.getFields() ?? {}).map((field) => {
      const args = field.args.filter((arg) => isNonNullType(arg.type)).map(argumentLiteral);
      const call = args.length === 0 ? field.name : `${field.name}(${args.join(", ")})`;
      const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
      return { kind, field: field.name, scope: scopeOf(field), document: `${kind} { ${call}${selection} }` };
    }),
  );
}

function argumentLiteral(arg: GraphQLArgument): string {
  return `${arg.name}: ${valueLiteral(arg.type)}`;
}

/** A well-formed literal of an input type: ids that match nothing, short strings, small numbers. */
function valueLiteral(type: GraphQLInputType): string {
  if (isNonNullType(type)) return valueLiteral(type.ofType);
  if (isListType(type)) return `[${valueLiteral(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? "";
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${valueLiteral(f.type)}`).join(", ")} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "ID":
        return '"000000000000000000000000"';
      case "Int":
      case "SafeInt":
      case "Float":
        return "1";
      case "Boolean":
        return "true";
      case "DateTime":
        return '"2099-01-01T00:00:00.000Z"';
      default:
        return '"x"';
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { Extensions } from "type-graphql";
import { isApiScope, type ApiScope } from "./api-scopes";
import { ForbiddenError } from "./errors";
import type { Viewer } from "./viewer";

/** Where the scope of a field is kept: its GraphQL extensions, so the built schema carries it. */
const SCOPE_KEY = "apiScope";

/**
 * The scope an API token needs for this query, mutation, subscription or field; beside
 * `@Authorized`, which says who else may. A token calling a root field without one is refused
 * (default deny); a nested field without one is governed by the root field that reached it.
 */
export function Scope(scope: ApiScope): MethodDecorator & PropertyDecorator {
  return Extensions({ [SCOPE_KEY]: scope });
}

/** The scope declared on a field, if any. */
export function scopeOf(field: GraphQLField<unknown, unknown>): ApiScope | undefined {
  const scope = field.extensions[SCOPE_KEY];
  return typeof scope === "string" && isApiScope(scope) ? scope : undefined;
}

/**
 * Refuses an API token's call of a field with FORBIDDEN: on a root field with no declared scope,
 * or when the token lacks the declared one. People's sessions pass (roles are `@Authorized`'s).
 */
export function assertScope(viewer: Viewer | null, scope: ApiScope | undefined, fieldName: string): void {
  if (viewer?.apiToken === undefined) return;
  if (scope === undefined) throw new ForbiddenError(`API tokens cannot use ${fieldName}; log in as a person.`);
  if (!viewer.apiToken.scopes.has(scope)) {
    throw new ForbiddenError(`This API token lacks the scope ${scope}, which ${fieldName} needs.`, { scope });
  }
}

/**
 * Puts the scope check in front of every root field (resolve, and subscribe for subscriptions)
 * and of every other field that declares a scope; fields without either are left as they are,
 * at no cost. Mutates and returns `schema`.
 */
export function enforceScopes(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const scope = scopeOf(field);
      if (scope === undefined && !roots.has(type)) continue;
      const name = `${type.name}.${field.name}`;
      field.resolve = guarded(field.resolve ?? defaultFieldResolver, scope, name);
      if (field.subscribe !== undefined) field.subscribe = guarded(field.subscribe, scope, name);
    }
  }
  return schema;
}

function guarded(
  resolver: GraphQLFieldResolver<unknown, unknown>,
  scope: ApiScope | undefined,
  name: string,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    assertScope((context as { viewer?: Viewer | null } | undefined)?.viewer ?? null, scope, name);
    return resolver(source, args, context, info);
  };
}

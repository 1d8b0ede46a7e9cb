import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { ApiTokenResolver } from "../modules/api-tokens";
import { AuthResolver } from "../modules/auth";
import { DashboardResolver } from "../modules/dashboard";
import { LogResolver } from "../modules/logs/log.resolver";
import { OrderItemResolver, OrderResolver, UserOrdersResolver } from "../modules/orders";
import { ProductResolver } from "../modules/products";
import { UserResolver } from "../modules/users";
import { WebhookResolver } from "../modules/webhooks";
import { createAppPubSub, type AppPubSub } from "../pubsub/pubsub";
import { authChecker } from "./auth-checker";
import { scalarsMap } from "./scalars";
import { enforceScopes } from "./scopes";

/** Every resolver class of the API. */
const resolvers = [
  AuthResolver,
  ApiTokenResolver,
  UserResolver,
  ProductResolver,
  OrderResolver,
  OrderItemResolver,
  UserOrdersResolver,
  LogResolver,
  DashboardResolver,
  WebhookResolver,
] as const;

/** A resolver class of the API. */
export type ResolverClass = (typeof resolvers)[number];

/** Hands TypeGraphQL the resolver instances built in the composition root. */
export type ResolverInstances = ReadonlyMap<ResolverClass, object>;

/**
 * Builds the executable schema. `instances` supplies each resolver, built with its services; the
 * schema can be built without them (to print it), but not executed. TypeGraphQL refuses a schema
 * with subscriptions and no `pubSub`; the resolvers' `subscribe` functions take the same pub/sub
 * from the operation's context.
 */
export async function buildAppSchema(
  instances: ResolverInstances = new Map(),
  pubSub: AppPubSub = createAppPubSub(),
): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get(resolverClass: never) {
      const instance = instances.get(resolverClass);
      if (instance === undefined) throw new Error(`no instance of ${String(resolverClass)} was provided`);
      return instance;
    },
  };
  const schema = await buildSchema({
    resolvers,
    container,
    authChecker,
    scalarsMap,
    pubSub,
    validate: false,
  });
  return enforceScopes(schema);
}

/** The SDL committed as `schema.graphql`: sorted, so it changes only when the schema does. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

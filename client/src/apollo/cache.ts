import { InMemoryCache, type ApolloCache, type FieldPolicy, type Reference } from "@apollo/client";

interface Connection {
  readonly nodes: readonly Reference[];
  readonly [field: string]: unknown;
}

/**
 * One cursor-paginated list field (`first`, `after`, a connection with `nodes`): the lists that
 * differ by `keyArgs` are cached apart; a page fetched with `after` is appended to the one before,
 * leaving out nodes already listed (a row that moved up while the next page loaded).
 */
export function cursorConnection(keyArgs: string[]): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args, readField }) {
      if (existing === undefined || !args?.["after"]) return incoming;
      const listed = new Set(existing.nodes.map((node) => readField<string>("id", node)));
      return {
        ...incoming,
        nodes: [...existing.nodes, ...incoming.nodes.filter((node) => !listed.has(readField<string>("id", node)))],
      };
    },
  };
}

/**
 * The client's normalized cache. Entities are kept by id, so a subscription event updates every
 * row that shows the entity; deleting one is `cache.evict`, and lists skip the evicted entries.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          orders: cursorConnection(["filter"]),
          users: cursorConnection(["filter"]),
          products: cursorConnection(["search"]),
          logs: cursorConnection(["filter"]),
        },
      },
    },
  });
}

/** Removes a deleted entity from the cache: every list that showed it leaves it out from then on. */
export function evictEntity(cache: ApolloCache, __typename: string, id: string): void {
  cache.evict({ id: cache.identify({ __typename, id }) });
  cache.gc();
}

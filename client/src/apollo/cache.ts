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
export function cursorConnection(
  keyArgs: string[],
  { keepLoadedPages = false }: { keepLoadedPages?: boolean } = {},
): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args, readField }) {
      const id = (node: Reference) => readField<string>("id", node);
      if (existing === undefined) return incoming;
      if (!args?.["after"]) return keepLoadedPages ? refreshFirstPage(existing, incoming, id) : incoming;
      const listed = new Set(existing.nodes.map(id));
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes.filter((node) => !listed.has(id(node)))] };
    },
  };
}

/**
 * A first page fetched again (a poll, a refresh) over a list with more pages loaded: the new first
 * page, then the loaded rows after its last one, so "Load more" goes on from where it was. When the
 * new page shares no row with the list, it replaces the list.
 */
function refreshFirstPage(
  existing: Connection,
  incoming: Connection,
  id: (node: Reference) => string | undefined,
): Connection {
  const last = incoming.nodes.at(-1);
  const at = last === undefined ? -1 : existing.nodes.findIndex((node) => id(node) === id(last));
  if (at < 0) return incoming;
  const listed = new Set(incoming.nodes.map(id));
  const rest = existing.nodes.slice(at + 1).filter((node) => !listed.has(id(node)));
  if (rest.length === 0) return incoming;
  return { ...incoming, pageInfo: existing["pageInfo"], nodes: [...incoming.nodes, ...rest] };
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
          // Polled while a delivery is under way: a poll must not drop the pages loaded below it.
          webhookDeliveries: cursorConnection(["webhookId"], { keepLoadedPages: true }),
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

import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, ServerError } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { getToken, setToken } from "../lib/session";
import { createCache } from "./cache";

const GRAPHQL_PATH = "/graphql";

/** The bearer header value for the stored token, if any. */
function authorization(): string | undefined {
  const token = getToken();
  return token === null ? undefined : `Bearer ${token}`;
}

/**
 * Apollo Client with one link per transport: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same path. Both carry the stored token; the socket reconnects on its own
 * after the API restarts.
 */
export function createApolloClient(): ApolloClient {
  const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${GRAPHQL_PATH}`;
  const wsLink = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: () => {
        const value = authorization();
        return value === undefined ? {} : { authorization: value };
      },
    }),
  );
  const authLink = new SetContextLink((prev) => {
    const value = authorization();
    const headers = (prev as { headers?: Record<string, string> }).headers;
    return value === undefined ? prev : { ...prev, headers: { ...headers, authorization: value } };
  });
  // A token the API no longer accepts (expired, revoked): forget it and go to the login page.
  const sessionEnded = new ErrorLink(({ error }) => {
    const unauthenticated =
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.["code"] === "UNAUTHENTICATED")) ||
      (ServerError.is(error) && error.statusCode === 401);
    if (unauthenticated && getToken() !== null) {
      setToken(null);
      window.location.assign(`/login?expired=1&next=${encodeURIComponent(window.location.pathname)}`);
    }
  });
  const httpLink = ApolloLink.from([sessionEnded, authLink, new HttpLink({ uri: GRAPHQL_PATH })]);
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    wsLink,
    httpLink,
  );
  return new ApolloClient({ link, cache: createCache() });
}

import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, ServerError } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { CloseCode, createClient } from "graphql-ws";
import { endSession, getToken } from "../lib/session";
import { createCache } from "./cache";

const GRAPHQL_PATH = "/graphql";

/** The token an operation was sent with (its authorization header), if any. */
function bearerOf(context: { headers?: Record<string, string> }): string | null {
  return context.headers?.["authorization"]?.replace(/^Bearer /, "") ?? null;
}

/** The bearer header value for the stored token, if any. */
function authorization(): string | undefined {
  const token = getToken();
  return token === null ? undefined : `Bearer ${token}`;
}

/**
 * Apollo Client with one link per transport: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same path. Both carry the stored token; the socket reconnects on its own
 * after the API restarts. A token the API stops accepting ends the session in the UI at once.
 */
export function createApolloClient(): ApolloClient {
  const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${GRAPHQL_PATH}`;
  // The token the open socket was authenticated with.
  let socketToken: string | null = null;
  const wsLink = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: () => {
        socketToken = getToken();
        const value = authorization();
        return value === undefined ? {} : { authorization: value };
      },
      on: {
        // The API closes a session's sockets with 4403 the moment its tokens are revoked (a logout
        // or password change elsewhere, the account deleted) or expire, and refuses a bad token so.
        closed: (event) => {
          const { code, reason } = event as { code?: number; reason?: string };
          if (code === CloseCode.Forbidden)
            endSession(socketToken, reason === "Session revoked" ? "revoked" : "expired");
        },
      },
    }),
  );
  const authLink = new SetContextLink((prev) => {
    const value = authorization();
    const headers = (prev as { headers?: Record<string, string> }).headers;
    return value === undefined ? prev : { ...prev, headers: { ...headers, authorization: value } };
  });
  // A token the API no longer accepts (expired, revoked): forget it and go to the login page.
  const sessionEnded = new ErrorLink(({ error, operation }) => {
    const unauthenticated =
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.["code"] === "UNAUTHENTICATED")) ||
      (ServerError.is(error) && error.statusCode === 401);
    if (unauthenticated)
      endSession(bearerOf(operation.getContext() as { headers?: Record<string, string> }), "expired");
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

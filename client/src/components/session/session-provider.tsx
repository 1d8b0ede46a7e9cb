import { useApolloClient, useQuery } from "@apollo/client/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { graphql } from "../../gql";
import type { SessionQuery } from "../../gql/graphql";
import { useViewerUpdates } from "../../hooks/use-viewer-updates";
import { changeCredentials, getToken, onTokenChange, setToken } from "../../lib/session";

const SessionQueryDocument = graphql(`
  query Session {
    me {
      id
      name
      email
      role
      tier
      totpEnabled
      totpPending
    }
  }
`);

const LogoutMutationDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export type Viewer = NonNullable<SessionQuery["me"]>;

interface Session {
  /** The logged-in user, or null; undefined while loading. */
  readonly viewer: Viewer | null | undefined;
  /** Stores a fresh token (after login or a password change) and reloads the viewer. */
  readonly signIn: (token: string) => Promise<void>;
  /** Revokes the token on the server, then forgets it and everything cached for it. */
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Holds who is logged in for the whole client. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const token = useSyncExternalStore(onTokenChange, getToken);
  const { data, previousData, loading } = useQuery(SessionQueryDocument, {
    skip: token === null,
    fetchPolicy: "network-only",
  });
  const signIn = useCallback(
    async (fresh: string) => {
      setToken(fresh);
      await client.resetStore();
    },
    [client],
  );
  const signOut = useCallback(async () => {
    // Revoked on the server first, so a copy of the token (another tab, a stolen one) stops working
    // too; an expired or already revoked token is logged out all the same.
    await changeCredentials(async () => {
      await client.mutate({ mutation: LogoutMutationDocument }).catch(() => undefined);
      setToken(null);
    });
    await client.clearStore();
  }, [client]);
  // Another tab logged in or out: follow it.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === "orderflow.token") void client.resetStore();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [client]);
  // While a fresh token reloads the viewer, keep showing the previous one (no "Loading…" flash).
  const viewer = token === null ? null : loading ? (previousData?.me ?? undefined) : (data?.me ?? null);
  useViewerUpdates(Boolean(viewer));
  const value = useMemo(() => ({ viewer, signIn, signOut }), [viewer, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session (inside SessionProvider). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession() outside <SessionProvider>");
  return session;
}

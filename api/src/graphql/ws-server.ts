import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  print,
  subscribe,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { IncomingMessage, Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import type { Metrics } from "../metrics";
import { Role } from "../modules/users/role";
import { buildContext, type Context, type ContextSources } from "./context";
import { SharedSubscriptions } from "./shared-subscriptions";
import { AppError } from "./errors";
import type { FormatError } from "./format-error";
import { costError, parseWithLimits, validateWithLimits, type OperationLimits } from "./limits";
import { sessionKey, type Session, type Viewer } from "./viewer";

/** Options of {@link startWsServer}. */
export interface WsServerOptions extends ContextSources {
  readonly schema: GraphQLSchema;
  /** The HTTP server whose upgrades to `path` become graphql-ws sockets. */
  readonly httpServer: Server;
  readonly path: string;
  /** The formatter Apollo applies over HTTP: graphql-ws does not run Apollo's. */
  readonly formatError: FormatError;
  /** The limits Apollo applies over HTTP: graphql-ws does not run Apollo's plugins. */
  readonly limits: OperationLimits;
  /** From a `connectionParams.authorization` value to the caller; throws an AppError for a bad token. */
  readonly authenticate: (authorization: string | undefined) => Promise<Session | null>;
  /** Admits one operation of the caller (an API token's rate limit); throws an AppError to refuse it. */
  readonly admit: (viewer: Viewer | null) => Promise<void>;
  /**
   * Origins whose browsers may open a socket. Empty: the API's own origin only. Clients that send
   * no Origin (not browsers) are always let through; they cannot ride a user's cookies.
   */
  readonly allowedOrigins: readonly string[];
  /** How long a socket may wait before `connection_init`. @default 3000 */
  readonly connectionInitTimeoutMs?: number;
  readonly metrics?: Metrics;
}

/** GraphQL over WebSocket, beside Apollo on the same HTTP server and path. */
export interface WsServer {
  /** Closes every socket of a session key on this instance (see `sessionKey`): its tokens were revoked. */
  closeSocketsOf(key: string): void;
  /** Closes every socket and stops accepting new ones. */
  dispose(): Promise<void>;
  /** The admins' shared subscription executions (see {@link sharedSubscriptionKey}). */
  sharedStats(): ReturnType<SharedSubscriptions["stats"]>;
}

/**
 * The subscriptions whose results are the same for every admin: admins see every order, product,
 * log entry and the dashboard. Not `viewerUpdated`, which is each viewer's own account.
 */
const SAME_FOR_EVERY_ADMIN: ReadonlySet<string> = new Set([
  "orderUpdated",
  "productUpdated",
  "logAdded",
  "dashboardUpdated",
]);

/**
 * Which subscriptions share one execution: an admin's that selects only fields in
 * SAME_FOR_EVERY_ADMIN, by document, operation and variables. Customers' are never shared: each is
 * executed for its own viewer.
 */
export function sharedSubscriptionKey(args: ExecutionArgs): string | undefined {
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  // An API token's scopes are checked when it subscribes: it must never join an execution that
  // another caller's subscribe started.
  if (viewer?.role !== Role.ADMIN || viewer.apiToken !== undefined) return undefined;
  const operation = getOperationAST(args.document, args.operationName);
  const sameForAll = operation?.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && SAME_FOR_EVERY_ADMIN.has(selection.name.value),
  );
  if (sameForAll !== true) return undefined;
  return JSON.stringify([Role.ADMIN, print(args.document), args.operationName ?? null, args.variableValues ?? {}]);
}

/** What graphql-ws keeps per socket once `connection_init` is accepted. */
type SocketExtra = {
  readonly request: IncomingMessage;
  readonly socket: WebSocket;
  viewer?: Viewer | null;
};

/**
 * Serves graphql-ws on `options.path` with what Apollo gives HTTP: the same parsing, validation
 * and cost limits, authentication (in `onConnect`), context, error formatting and metrics.
 */
export function startWsServer(options: WsServerOptions): WsServer {
  const { schema, limits, metrics, formatError } = options;
  const sockets = new UserSockets();
  const shared = new SharedSubscriptions();
  /** Subscriptions open on this instance, by socket and operation id. */
  const openSubscriptions = new Set<string>();
  const subscriptionKey = (extra: SocketExtra, id: string) => `${extra.request.socket.remotePort ?? ""}:${id}`;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: 1024 * 1024,
    verifyClient: ({ origin, req }: { origin: string | undefined; req: IncomingMessage }) =>
      originAllowed(origin, req.headers.host, options.allowedOrigins),
  });
  const cleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? 3000,
      subscribe: (args) => {
        const key = sharedSubscriptionKey(args);
        return key === undefined ? subscribe(args) : shared.join(key, () => subscribe(args));
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.["authorization"];
        try {
          const session = await options.authenticate(typeof authorization === "string" ? authorization : undefined);
          ctx.extra.viewer = session?.viewer ?? null;
          if (session !== null) sockets.add(session, ctx.extra.socket);
          return true;
        } catch (error) {
          if (error instanceof AppError) return false; // graphql-ws closes with CloseCode.Forbidden
          throw error;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        try {
          await options.admit(ctx.extra.viewer ?? null);
        } catch (error) {
          if (error instanceof AppError) return [error];
          throw error;
        }
        let document;
        try {
          document = parseWithLimits(payload.query, limits);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const invalid = validateWithLimits(schema, document, limits);
        if (invalid.length > 0) return invalid;
        const tooCostly = costError(schema, document, payload.variables ?? undefined, payload.operationName, limits);
        if (tooCostly !== null) return [tooCostly];
        const type = getOperationAST(document, payload.operationName)?.operation ?? "query";
        metrics?.operation({ name: payload.operationName, type, transport: "ws", errorCodes: [] });
        if (type === OperationTypeNode.SUBSCRIPTION) {
          metrics?.subscriptionOpened();
          openSubscriptions.add(subscriptionKey(ctx.extra, id));
        }
        const ip = ctx.extra.request.socket.remoteAddress ?? "";
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: buildContext(options, { viewer: ctx.extra.viewer ?? null, ip }),
        };
      },
      onComplete: (ctx, id) => {
        if (openSubscriptions.delete(subscriptionKey(ctx.extra, id))) metrics?.subscriptionClosed();
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined
          ? undefined
          : { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(withRequestCode(e), e)),
    },
    wsServer,
  );
  return {
    closeSocketsOf: (key) => sockets.closeAll(key),
    sharedStats: () => shared.stats(),
    dispose: async () => {
      await cleanup.dispose();
    },
  };
}

/** The longest wait setTimeout takes (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The open sockets of each session key (a user, or an API token), so that revoking its tokens
 * closes them, and each socket closes by itself when its token expires. Both close with
 * graphql-ws's Forbidden, as a refused `connection_init` does.
 */
class UserSockets {
  private readonly byKey = new Map<string, Set<WebSocket>>();

  add(session: Session, socket: WebSocket): void {
    const key = sessionKey(session.viewer);
    const set = this.byKey.get(key) ?? new Set<WebSocket>();
    set.add(socket);
    this.byKey.set(key, set);
    let expiry: NodeJS.Timeout | undefined;
    const { expiresAt } = session;
    // An API token may live longer than one timer can wait: wait again until it is due.
    const arm = () => {
      if (expiresAt === null) return;
      const ms = expiresAt.getTime() - Date.now();
      if (ms <= 0) return socket.close(CloseCode.Forbidden, "Session expired");
      expiry = setTimeout(arm, Math.min(ms, MAX_TIMER_MS));
      expiry.unref();
    };
    arm();
    socket.once("close", () => {
      clearTimeout(expiry);
      set.delete(socket);
      if (set.size === 0) this.byKey.delete(key);
    });
  }

  closeAll(key: string): void {
    for (const socket of this.byKey.get(key) ?? []) socket.close(CloseCode.Forbidden, "Session revoked");
  }
}

/**
 * graphql-ws reports parse and validation errors without a code; give them Apollo's codes so both
 * transports say the same thing.
 */
function withRequestCode(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (formatted.extensions?.["code"] !== undefined || error.originalError !== undefined) return formatted;
  const code = error.message.startsWith("Syntax Error") ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

/** Whether a browser from `origin` may open a socket: its own origin, or one allowed by configuration. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined || origin === "") return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

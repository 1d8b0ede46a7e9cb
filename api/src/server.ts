import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { WebSocket, WebSocketServer } from "ws";
import type { Context, Session, Viewer } from "./graphql/context";
import type { AppPubSub } from "./pubsub/pubsub";
import type { Loaders } from "./loaders";
import { AppError } from "./graphql/errors";
import { makeFormatError } from "./graphql/format-error";
import {
  costError,
  parseWithLimits,
  validateWithLimits,
  validationRules,
  type OperationLimits,
} from "./graphql/limits";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";

export const GRAPHQL_PATH = "/graphql";

export interface ServerOptions {
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly production: boolean;
  /** From an `Authorization` value to the caller; throws UNAUTHENTICATED for a bad token. */
  readonly authenticate: (authorization: string | undefined) => Promise<Session | null>;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address. */
  readonly trustProxy?: boolean | number | string;
  /** Depth, alias, directive, token and cost limits, and whether introspection is allowed. */
  readonly limits: OperationLimits;
  /**
   * Origins whose browsers may open the WebSocket. Empty: the API's own origin only. Clients that
   * send no Origin (not browsers) are always let through; they cannot ride a user's cookies.
   */
  readonly allowedOrigins: readonly string[];
  /** How long a socket may wait before `connection_init`. @default 3000 */
  readonly connectionInitTimeoutMs?: number;
  readonly metrics?: Metrics;
  /** Fresh DataLoaders, for each request and subscription. */
  readonly loaders: () => Loaders;
  /** The events subscriptions listen to (the schema's pub/sub). */
  readonly pubSub: AppPubSub;
  /** Whether the database answers; `/readyz` says 503 otherwise. */
  readonly isReady: () => Promise<boolean>;
  /** The built web client, served at `/` when the folder exists. */
  readonly clientDir?: string;
}

export interface RunningServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  /** Closes every subscription socket of the user on this instance (their tokens were revoked). */
  closeSocketsOf(userId: string): void;
  /** Stops accepting, lets running requests finish, closes sockets. */
  stop(): Promise<void>;
}

/** Close code for sockets whose session was refused, revoked or has expired (graphql-ws "Forbidden"). */
export const SESSION_ENDED_CLOSE_CODE = 4403;

/** What graphql-ws keeps per socket once `connection_init` is accepted. */
type SocketExtra = {
  readonly request: IncomingMessage;
  readonly socket: WebSocket;
  viewer?: Viewer | null;
};

/**
 * Serves GraphQL over HTTP (Apollo Server, express) and over WebSocket (graphql-ws) on one path,
 * with one context builder and one error formatter for both, plus `/healthz` and `/readyz`.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { schema, logger } = options;
  const formatError = makeFormatError({ logger, exposeStack: !options.production });
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);
  const sockets = new UserSockets();
  const httpServer = createServer(app);
  // Behind a proxy that keeps connections alive (nginx: 60 s), the proxy must close an idle one
  // first. With Node's default of 5 s, a request sent on a connection Node is closing at that
  // moment fails ("upstream prematurely closed connection"), and nginx does not retry a POST: the
  // load test saw 502s. Headers must come within the keep-alive time.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const { limits, metrics } = options;
  /** Subscriptions open on this instance, by socket and operation id. */
  const openSubscriptions = new Set<string>();
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    maxPayload: 1024 * 1024,
    verifyClient: ({ origin, req }: { origin: string | undefined; req: IncomingMessage }) =>
      originAllowed(origin, req.headers.host, options.allowedOrigins),
  });
  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? 3000,
      // The same parsing, validation and cost limits as Apollo applies over HTTP.
      onSubscribe: (ctx, id, payload) => {
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
          openSubscriptions.add(`${ctx.extra.request.socket.remotePort ?? ""}:${id}`);
        }
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: makeWsContext(ctx.extra),
        };
      },
      onComplete: (ctx, id) => {
        if (openSubscriptions.delete(`${ctx.extra.request.socket.remotePort ?? ""}:${id}`))
          metrics?.subscriptionClosed();
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.["authorization"];
        try {
          const session = await options.authenticate(typeof authorization === "string" ? authorization : undefined);
          ctx.extra.viewer = session?.viewer ?? null;
          if (session !== null) sockets.add(session, ctx.extra.socket);
          return true;
        } catch (error) {
          if (error instanceof AppError) return false; // closes with 4403 Forbidden
          throw error;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined
          ? undefined
          : { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(withRequestCode(e), e)),
    },
    wsServer,
  );

  const makeWsContext = (extra: SocketExtra): Context => ({
    viewer: extra.viewer ?? null,
    ip: extra.request.socket.remoteAddress ?? "",
    loaders: options.loaders(),
    freshLoaders: options.loaders,
    pubSub: options.pubSub,
  });

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: limits.introspection,
    validationRules: validationRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it stops the scheduler and the database around this server.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        // The cost limit needs the variables: checked once the operation is known, before it runs.
        requestDidStart: ({ request }) => {
          const started = process.hrtime.bigint();
          let name = request.operationName;
          let type = "unknown";
          return Promise.resolve({
            didResolveOperation: ({ document, request: resolved, operationName, operation }) => {
              name = operationName ?? undefined;
              type = operation?.operation ?? "unknown";
              const tooCostly = costError(schema, document, resolved.variables, resolved.operationName, limits);
              return tooCostly === null ? Promise.resolve() : Promise.reject(tooCostly);
            },
            willSendResponse: ({ response }) => {
              const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
              metrics?.operation({
                name,
                type,
                transport: "http",
                seconds: Number(process.hrtime.bigint() - started) / 1e9,
                errorCodes: errors.map((e) => {
                  const code = e.extensions?.["code"];
                  return typeof code === "string" ? code : "UNKNOWN";
                }),
              });
              return Promise.resolve();
            },
          });
        },
      },
      {
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await wsCleanup.dispose();
            },
          }),
      },
    ],
  });
  await apollo.start();

  if (metrics !== undefined) {
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await options.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "database unreachable" });
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: "1mb" }),
    // A body that is not JSON, or too large, gets a GraphQL-shaped answer, never an HTML page.
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      const { status, type } = (error ?? {}) as { status?: number; type?: string };
      if (type !== "entity.parse.failed" && type !== "entity.too.large") return next(error);
      const message =
        type === "entity.too.large" ? "The request body is larger than 1 MB." : "The request body is not valid JSON.";
      res.status(status ?? 400).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    },
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        const session = await options.authenticate(req.headers.authorization).catch(asHttpError(401));
        return {
          viewer: session?.viewer ?? null,
          ...(session !== null ? { sessionUser: session.user } : {}),
          ip: req.ip ?? req.socket.remoteAddress ?? "",
          loaders: options.loaders(),
          freshLoaders: options.loaders,
          pubSub: options.pubSub,
        };
      },
    }),
  );
  if (options.clientDir !== undefined && existsSync(join(options.clientDir, "index.html"))) {
    const index = join(options.clientDir, "index.html");
    app.use(express.static(options.clientDir, { index: false, maxAge: "1h" }));
    // Client-side routes (/login, /orders/…) all load the single page.
    app.get("/{*path}", (_req, res) => res.sendFile(index));
  }

  await new Promise<void>((done, fail) => {
    httpServer.once("error", fail);
    httpServer.listen(options.port, options.host, () => done());
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = options.host === "0.0.0.0" || options.host === "127.0.0.1" ? "localhost" : options.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    closeSocketsOf: (userId) => sockets.closeAll(userId),
    stop: () => (stopping ??= apollo.stop()),
  };
}

/**
 * The open subscription sockets of each user, so that revoking a user's tokens closes them, and
 * each socket closes by itself when its token expires.
 */
class UserSockets {
  private readonly byUser = new Map<string, Set<WebSocket>>();

  add(session: Session, socket: WebSocket): void {
    const { id } = session.viewer;
    const set = this.byUser.get(id) ?? new Set<WebSocket>();
    set.add(socket);
    this.byUser.set(id, set);
    // setTimeout cannot wait longer than about 24.8 days; tokens live far shorter.
    const ms = Math.min(Math.max(0, session.expiresAt.getTime() - Date.now()), 2 ** 31 - 1);
    const expiry = setTimeout(() => socket.close(SESSION_ENDED_CLOSE_CODE, "Session expired"), ms);
    expiry.unref();
    socket.once("close", () => {
      clearTimeout(expiry);
      set.delete(socket);
      if (set.size === 0) this.byUser.delete(id);
    });
  }

  closeAll(userId: string): void {
    for (const socket of this.byUser.get(userId) ?? []) socket.close(SESSION_ENDED_CLOSE_CODE, "Session revoked");
  }
}

/** Gives an AppError thrown before execution (while building the context) an HTTP status. */
function asHttpError(status: number) {
  return (error: unknown): never => {
    if (!(error instanceof AppError)) throw error;
    throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
  };
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

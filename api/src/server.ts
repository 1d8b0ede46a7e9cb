import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildContext, type Context, type ContextSources } from "./graphql/context";
import { AppError } from "./graphql/errors";
import { makeFormatError } from "./graphql/format-error";
import { validationRules, type OperationLimits } from "./graphql/limits";
import { costLimitPlugin, drainPlugin, metricsPlugin } from "./graphql/plugins";
import type { Session, Viewer } from "./graphql/viewer";
import { startWsServer, type WsServer } from "./graphql/ws-server";
import { addClientRoutes, addProbeRoutes, jsonBody } from "./http/routes";
import { securityHeaders } from "./http/security-headers";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";

export const GRAPHQL_PATH = "/graphql";

export interface ServerOptions extends ContextSources {
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly production: boolean;
  /** From an `Authorization` value to the caller; throws UNAUTHENTICATED for a bad token. */
  readonly authenticate: (authorization: string | undefined) => Promise<Session | null>;
  /** Admits one operation of the caller (an API token's rate limit); throws an AppError to refuse it. */
  readonly admit: (viewer: Viewer | null) => Promise<void>;
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
  /** Whether the database answers; `/readyz` says 503 otherwise. */
  readonly isReady: () => Promise<boolean>;
  /** The built web client, served at `/` when the folder exists. */
  readonly clientDir?: string;
}

export interface RunningServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  /** Closes every subscription socket of a session key on this instance (see `sessionKey`). */
  closeSocketsOf(key: string): void;
  /** How many shared executions serve the admins' subscriptions (see ws-server.ts). */
  sharedSubscriptions(): ReturnType<WsServer["sharedStats"]>;
  /** Stops accepting, lets running requests finish, closes sockets. */
  stop(): Promise<void>;
}

/**
 * Serves GraphQL over HTTP (Apollo Server, express) and over WebSocket (graphql-ws) on one path,
 * with one context builder and one error formatter for both, plus the probes and the web client.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { schema, limits, metrics } = options;
  const formatError = makeFormatError({ logger: options.logger, exposeStack: !options.production });
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(options.production));
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);
  const httpServer = createServer(app);
  // Behind a proxy that keeps connections alive (nginx: 60 s), the proxy must close an idle one
  // first. With Node's default of 5 s, a request sent on a connection Node is closing at that
  // moment fails ("upstream prematurely closed connection"), and nginx does not retry a POST: the
  // load test saw 502s. Headers must come within the keep-alive time.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const ws = startWsServer({ ...options, httpServer, path: GRAPHQL_PATH, formatError });
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
      costLimitPlugin(schema, limits),
      ...(metrics === undefined ? [] : [metricsPlugin(metrics)]),
      drainPlugin(() => ws.dispose()),
    ],
  });
  await apollo.start();

  addProbeRoutes(app, { isReady: options.isReady, metrics });
  const context = async ({ req }: { req: express.Request }): Promise<Context> => {
    const session = await options.authenticate(req.headers.authorization).catch(asHttpError(401));
    await options.admit(session?.viewer ?? null).catch(asHttpError(429));
    const ip = req.ip ?? req.socket.remoteAddress ?? "";
    return buildContext(options, { viewer: session?.viewer ?? null, sessionUser: session?.user, ip });
  };
  app.use(GRAPHQL_PATH, ...jsonBody(), expressMiddleware(apollo, { context }));
  addClientRoutes(app, options.clientDir);

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
    closeSocketsOf: (key) => ws.closeSocketsOf(key),
    sharedSubscriptions: () => ws.sharedStats(),
    stop: () => (stopping ??= apollo.stop()),
  };
}

/** Gives an AppError thrown before execution (while building the context) an HTTP status. */
function asHttpError(status: number) {
  return (error: unknown): never => {
    if (!(error instanceof AppError)) throw error;
    const retryAfter = error.extensions["retryAfterSec"];
    const headers = new Map(typeof retryAfter === "number" ? [["retry-after", String(retryAfter)]] : []);
    throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status, headers } } });
  };
}

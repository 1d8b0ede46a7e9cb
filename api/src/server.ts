import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { WebSocketServer } from "ws";
import type { Context, Viewer } from "./graphql/context";
import { AppError } from "./graphql/errors";
import { makeFormatError } from "./graphql/format-error";
import type { Logger } from "./logger";

export const GRAPHQL_PATH = "/graphql";

export interface ServerOptions {
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly production: boolean;
  /** From an `Authorization` value to the caller; throws UNAUTHENTICATED for a bad token. */
  readonly authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  /** Whether the database answers; `/readyz` says 503 otherwise. */
  readonly isReady: () => Promise<boolean>;
  /** The built web client, served at `/` when the folder exists. */
  readonly clientDir?: string;
}

export interface RunningServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets running requests finish, closes sockets. */
  stop(): Promise<void>;
}

/** What graphql-ws keeps per socket once `connection_init` is accepted. */
type SocketExtra = {
  readonly request: IncomingMessage;
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
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.["authorization"];
        try {
          ctx.extra.viewer = await options.authenticate(typeof authorization === "string" ? authorization : undefined);
          return true;
        } catch (error) {
          if (error instanceof AppError) return false; // closes with 4403 Forbidden
          throw error;
        }
      },
      context: (ctx): Context => ({
        viewer: ctx.extra.viewer ?? null,
        ip: ctx.extra.request.socket.remoteAddress ?? "",
      }),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined
          ? undefined
          : { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(withRequestCode(e), e)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
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
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        viewer: await options.authenticate(req.headers.authorization).catch(asHttpError(401)),
        ip: req.ip ?? req.socket.remoteAddress ?? "",
      }),
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
    stop: () => (stopping ??= apollo.stop()),
  };
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

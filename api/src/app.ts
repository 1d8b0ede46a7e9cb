import type { Config } from "./config";
import { connectDatabase } from "./db/connect";
import { buildAppSchema } from "./graphql/schema";
import type { Logger } from "./logger";
import { AuthService, TokenService } from "./modules/auth";
import { UserResolver, UserService } from "./modules/users";
import { startServer } from "./server";

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** The database to use (MONGODB_URI, or the embedded server's). */
  readonly mongodbUri: string;
  /** Overrides the database named in the URI. */
  readonly dbName?: string;
  /** The built web client to serve at `/`. */
  readonly clientDir?: string;
}

/** A running OrderFlow API. */
export interface App {
  readonly url: string;
  readonly port: number;
  readonly tokens: TokenService;
  /** Graceful: stops accepting, drains HTTP and sockets, then closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: database → services → schema → server. Used by main.ts and by the
 * integration tests, which start the real thing in-process on a free port.
 */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  if (config.jwtSecret === undefined) throw new Error("startApp needs config.jwtSecret (see loadConfig)");
  const db = await connectDatabase(options.mongodbUri, {
    logger,
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
  });

  const users = new UserService();
  const tokens = new TokenService({ secret: config.jwtSecret, expiresInSec: config.jwtExpiresInSec });
  const auth = new AuthService(tokens, users);

  const schema = await buildAppSchema(new Map([[UserResolver, new UserResolver(users)]]));
  const server = await startServer({
    schema,
    logger,
    host: config.host,
    port: config.port,
    production: config.nodeEnv === "production",
    authenticate: (authorization) => auth.authenticate(authorization),
    isReady: () => db.isReachable(),
    ...(options.clientDir !== undefined ? { clientDir: options.clientDir } : {}),
  });

  return {
    url: server.url,
    port: server.port,
    tokens,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

import { systemClock, type Clock } from "./clock";
import type { Config } from "./config";
import { connectDatabase } from "./db/connect";
import { seedDemoData } from "./dev/demo-data";
import { DEFAULT_LIMITS } from "./graphql/limits";
import { buildAppSchema } from "./graphql/schema";
import { apiTokenSessionKey } from "./graphql/viewer";
import { loaderFactory } from "./loaders";
import type { Logger } from "./logger";
import type { LoginThrottleOptions, TokenService } from "./modules/auth";
import { buildModules } from "./modules/build-modules";
import { LogType } from "./modules/logs";
import type { OrderSchedulingOptions } from "./modules/orders";
import type { WebhookRuntimeOptions } from "./modules/webhooks";
import { ensureFirstAdmin } from "./modules/users";
import { createAppPubSub, createRedisPubSub, Topic, type AppPubSub, type AppPubSubEvents } from "./pubsub/pubsub";
import { startServer, type RunningServer } from "./server";

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** The database to use (MONGODB_URI, or the embedded server's). */
  readonly mongodbUri: string;
  /** Overrides the database named in the URI. */
  readonly dbName?: string;
  /** The built web client to serve at `/`. */
  readonly clientDir?: string;
  /** @default the system clock */
  readonly clock?: Clock;
  /** Emit the driver's command events (tests count database commands). @default false */
  readonly monitorCommands?: boolean;
  /** @default 5 failures per account, 50 per address, in 15 minutes */
  readonly loginThrottle?: LoginThrottleOptions;
  /** The order pipeline's switches (off, or faster polling and recovery, in tests). */
  readonly scheduler?: OrderSchedulingOptions;
  /** The webhook delivery runtime's switches (faster retries and polling in tests). */
  readonly webhooks?: WebhookRuntimeOptions;
}

/** A running OrderFlow API. */
export interface App {
  readonly url: string;
  readonly port: number;
  readonly tokens: TokenService;
  /** Runs one recovery pass now (tests). */
  recover(): Promise<unknown>;
  /** The admins' shared subscription executions on this instance (tests). */
  sharedSubscriptions: RunningServer["sharedSubscriptions"];
  /** Graceful: stops accepting, drains HTTP and sockets, sends queued mail, closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: configuration → database → modules → schema → server. Used by main.ts and
 * by the integration tests, which start the real thing in-process on a free port.
 */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const { jwtSecret, smtpUrl } = config;
  if (jwtSecret === undefined) throw new Error("startApp needs config.jwtSecret (see loadConfig)");
  if (smtpUrl === undefined)
    throw new Error("startApp needs config.smtpUrl (main.ts starts a mail catcher in development)");
  const db = await connectDatabase(options.mongodbUri, {
    logger,
    monitorCommands: options.monitorCommands ?? false,
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
  });
  const events = await openPubSub(config.redisUrl, logger);
  const { pubSub } = events;

  // With PORT=0 the default PUBLIC_URL (http://localhost:0) is only known once the server listens.
  let publicUrl = config.publicUrl;
  const modules = buildModules({
    config,
    jwtSecret,
    smtpUrl,
    logger,
    clock: options.clock ?? systemClock,
    pubSub,
    publicUrl: () => publicUrl,
    loginThrottle: options.loginThrottle,
    scheduling: options.scheduler,
    webhooks: options.webhooks,
  });
  const { users, customers, products, logs } = modules;
  if (config.adminEmail !== undefined && config.adminPassword !== undefined) {
    await ensureFirstAdmin(users, logs, logger, config.adminEmail, config.adminPassword);
    if (config.demoPassword !== undefined) {
      await seedDemoData({ users, customers, products, logs, logger }, config.adminEmail, config.demoPassword);
    }
  }

  const server = await startServer({
    schema: await buildAppSchema(modules.resolvers, pubSub),
    logger,
    host: config.host,
    port: config.port,
    production: config.nodeEnv === "production",
    trustProxy: config.trustProxy,
    limits: { ...DEFAULT_LIMITS, introspection: config.nodeEnv !== "production" },
    allowedOrigins: config.allowedOrigins,
    metrics: modules.metrics,
    authenticate: (authorization) => modules.auth.auth.authenticate(authorization),
    admit: (viewer) => modules.apiTokens.admit(viewer),
    loaders: loaderFactory(users, products),
    queueStandings: modules.orders.queueStandings,
    pubSub,
    isReady: () => db.isReachable(),
    ...(options.clientDir !== undefined ? { clientDir: options.clientDir } : {}),
  });
  if (config.port === 0 && publicUrl === "http://localhost:0") publicUrl = server.url;
  const revocations = onRevocation(pubSub, Topic.SESSION_REVOKED, ({ userId }) => {
    modules.auth.auth.forgetSessions(userId);
    server.closeSocketsOf(userId);
  });
  const tokenRevocations = onRevocation(pubSub, Topic.API_TOKEN_REVOKED, ({ tokenId }) => {
    modules.apiTokens.forget(tokenId);
    server.closeSocketsOf(apiTokenSessionKey(tokenId));
  });
  await modules.start();

  await logs.record({ type: LogType.SYSTEM, message: `API instance started at ${server.url}` });
  return {
    url: server.url,
    port: server.port,
    tokens: modules.auth.tokens,
    recover: () => modules.orders.recover(),
    sharedSubscriptions: () => server.sharedSubscriptions(),
    async stop() {
      await modules.stop();
      await server.stop();
      await revocations.return?.();
      await tokenRevocations.return?.();
      await modules.close();
      await events.close();
      await db.close();
    },
  };
}

/** The pub/sub: through Redis when `redisUrl` is set, so that every instance sees every event. */
async function openPubSub(
  redisUrl: string | undefined,
  logger: Logger,
): Promise<{ pubSub: AppPubSub; close(): Promise<void> }> {
  if (redisUrl === undefined) return { pubSub: createAppPubSub(), close: () => Promise.resolve() };
  const redis = await createRedisPubSub(redisUrl);
  logger.info("pub/sub through Redis: live events reach subscribers on every instance");
  return redis;
}

/**
 * Revoked sessions or API tokens, announced by any instance: each instance forgets the tokens it
 * believed and closes their sockets. Ends on `return()`.
 */
function onRevocation<T extends Topic.SESSION_REVOKED | Topic.API_TOKEN_REVOKED>(
  pubSub: AppPubSub,
  topic: T,
  revoked: (event: AppPubSubEvents[T]) => void,
): AsyncIterator<unknown> {
  const revocations = pubSub.subscribe(topic)[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await revocations.next(); !next.done; next = await revocations.next()) revoked(next.value);
  })();
  return revocations;
}

import { systemClock, type Clock } from "./clock";
import type { Config } from "./config";
import { connectDatabase } from "./db/connect";
import { seedDemoData } from "./dev/demo-data";
import { DEFAULT_LIMITS } from "./graphql/limits";
import { buildAppSchema, type ResolverClass } from "./graphql/schema";
import { Metrics } from "./metrics";
import type { Logger } from "./logger";
import { MailOutbox } from "./mail/outbox";
import { SmtpMailer } from "./mail/smtp-mailer";
import {
  AccountService,
  AuthResolver,
  AuthService,
  LoginThrottleService,
  OneTimeTokenService,
  TokenService,
  TotpService,
  type LoginThrottleOptions,
} from "./modules/auth";
import { loaderFactory } from "./loaders";
import { DashboardResolver, DashboardService } from "./modules/dashboard";
import { LogLevel, LogService, LogType } from "./modules/logs";
import { LogResolver } from "./modules/logs/log.resolver";
import {
  OrderItemResolver,
  OrderPipeline,
  OrderResolver,
  OrderService,
  OrderStore,
  UserOrdersResolver,
} from "./modules/orders";
import { noSeam } from "./lib/seam";
import { ProductResolver, ProductService } from "./modules/products";
import { CustomerService, ensureFirstAdmin, UserResolver, UserService } from "./modules/users";
import { createAppPubSub, createRedisPubSub, Topic } from "./pubsub/pubsub";
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
  /** @default the system clock */
  readonly clock?: Clock;
  /** Emit the driver's command events (tests count database commands). @default false */
  readonly monitorCommands?: boolean;
  /** @default 5 failures per account, 50 per address, in 15 minutes */
  readonly loginThrottle?: LoginThrottleOptions;
  readonly scheduler?: {
    /** Off: orders stay PENDING (tests of placement and cancellation). @default true */
    readonly enabled?: boolean;
    /** How often each instance looks for orders placed elsewhere. @default 1000 */
    readonly pollIntervalMs?: number;
    /** How often recovery runs. @default 5000 */
    readonly recoveryIntervalMs?: number;
  };
}

/** A running OrderFlow API. */
export interface App {
  readonly url: string;
  readonly port: number;
  readonly tokens: TokenService;
  /** Runs one recovery pass now (tests). */
  recover(): Promise<unknown>;
  /** Graceful: stops accepting, drains HTTP and sockets, sends queued mail, closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: database → services → schema → server. Used by main.ts and by the
 * integration tests, which start the real thing in-process on a free port.
 */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  if (config.jwtSecret === undefined) throw new Error("startApp needs config.jwtSecret (see loadConfig)");
  if (config.smtpUrl === undefined)
    throw new Error("startApp needs config.smtpUrl (main.ts starts a mail catcher in development)");
  const db = await connectDatabase(options.mongodbUri, {
    logger,
    monitorCommands: options.monitorCommands ?? false,
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
  });

  const redis = config.redisUrl === undefined ? undefined : await createRedisPubSub(config.redisUrl);
  const pubSub = redis?.pubSub ?? createAppPubSub();
  if (redis !== undefined) logger.info("pub/sub through Redis: live events reach subscribers on every instance");
  const logs = new LogService(pubSub, clock, logger);
  const outbox = new MailOutbox(new SmtpMailer(config.smtpUrl, config.mailFrom), logger, (message, error) => {
    void logs.record({
      type: LogType.ERROR,
      level: LogLevel.ERROR,
      message: `Could not send the mail "${message.subject}"`,
      data: { error: error instanceof Error ? error.message : String(error) },
    });
  });
  const users = new UserService(pubSub, logs, clock);
  const customers = new CustomerService(users, logs, clock);
  const tokens = new TokenService({
    secret: config.jwtSecret,
    expiresInSec: config.jwtExpiresInSec,
    now: () => Math.floor(clock.now().getTime() / 1000),
  });
  const totp = new TotpService(users, clock);
  const throttle = new LoginThrottleService(clock, options.loginThrottle);
  const auth = new AuthService(tokens, users, totp, throttle, logs);
  // With PORT=0 the default PUBLIC_URL (http://localhost:0) is only known once the server listens.
  let publicUrl = config.publicUrl;
  const oneTimeTokens = new OneTimeTokenService(clock);
  // A deleted customer's mailed links stop working at once.
  customers.onCustomerDeleted((customerId) => oneTimeTokens.revokeAll(customerId));
  const accounts = new AccountService(users, auth, oneTimeTokens, totp, throttle, outbox, logs, () => publicUrl);

  const products = new ProductService(pubSub, logs, clock);
  const store = new OrderStore(clock, noSeam);
  const orders = new OrderService(store, products, users, pubSub, logs, clock, {
    agingPerSec: config.schedulerAgingPerSec,
  });
  customers.onCustomerDeleted((customerId) => orders.rejectOrdersOfDeleted(customerId));
  const metrics = new Metrics(() => orders.figures());
  const schedulerEnabled = options.scheduler?.enabled ?? true;
  const pipeline = new OrderPipeline(
    { orders, store, products, users, logs, pubSub, clock, logger },
    {
      concurrency: config.schedulerConcurrency,
      leaseMs: config.schedulerLeaseMs,
      delayMs: config.schedulerDelayMs,
      onDecided: (outcome, waitMs) => metrics.orderDecided(outcome, waitMs),
      ...(options.scheduler?.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.scheduler.pollIntervalMs }),
      ...(options.scheduler?.recoveryIntervalMs === undefined
        ? {}
        : { recoveryIntervalMs: options.scheduler.recoveryIntervalMs }),
    },
  );
  const localStats = () => ({ concurrency: config.schedulerConcurrency });
  const dashboard = new DashboardService(orders, users, products, localStats, pubSub, logger);

  if (config.adminEmail !== undefined && config.adminPassword !== undefined) {
    await ensureFirstAdmin(users, logs, logger, config.adminEmail, config.adminPassword);
    if (config.demoPassword !== undefined) {
      await seedDemoData({ users, customers, products, logs, logger }, config.adminEmail, config.demoPassword);
    }
  }

  const schema = await buildAppSchema(
    new Map<ResolverClass, object>([
      [UserResolver, new UserResolver(users, customers)],
      [AuthResolver, new AuthResolver(auth, accounts)],
      [ProductResolver, new ProductResolver(products)],
      [OrderResolver, new OrderResolver(orders, localStats)],
      [LogResolver, new LogResolver(logs)],
      [DashboardResolver, new DashboardResolver(dashboard)],
      [OrderItemResolver, new OrderItemResolver()],
      [UserOrdersResolver, new UserOrdersResolver(orders)],
    ]),
    pubSub,
  );
  const server = await startServer({
    schema,
    logger,
    host: config.host,
    port: config.port,
    production: config.nodeEnv === "production",
    trustProxy: config.trustProxy,
    limits: { ...DEFAULT_LIMITS, introspection: config.nodeEnv !== "production" },
    allowedOrigins: config.allowedOrigins,
    metrics,
    authenticate: (authorization) => auth.authenticate(authorization),
    loaders: loaderFactory(users, products),
    pubSub,
    isReady: () => db.isReachable(),
    ...(options.clientDir !== undefined ? { clientDir: options.clientDir } : {}),
  });

  if (config.port === 0 && publicUrl === "http://localhost:0") publicUrl = server.url;

  // Revoked sessions close their sockets on every instance that holds one.
  const revocations = pubSub.subscribe(Topic.SESSION_REVOKED)[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await revocations.next(); !next.done; next = await revocations.next()) {
      server.closeSocketsOf(next.value.userId);
    }
  })();

  if (schedulerEnabled) await pipeline.start();

  dashboard.start();
  // Log retention (the embedded server has no TTL indexes): hourly, and once at start-up.
  const purgeLogs = () =>
    void logs
      .purgeOlderThan(config.logRetentionDays)
      .then((removed) => removed > 0 && logger.info({ removed }, "old log entries removed"))
      .catch((error: unknown) => logger.error({ err: error }, "log retention failed"));
  purgeLogs();
  const retentionTimer = setInterval(purgeLogs, 3_600_000);
  retentionTimer.unref();

  await logs.record({ type: LogType.SYSTEM, message: `API instance started at ${server.url}` });
  return {
    url: server.url,
    port: server.port,
    tokens,
    recover: () => pipeline.recover(),
    async stop() {
      clearInterval(retentionTimer);
      await dashboard.stop();
      await pipeline.stop();
      await server.stop();
      await revocations.return?.();
      await outbox.close();
      await redis?.close();
      await db.close();
    },
  };
}

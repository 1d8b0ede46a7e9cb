import type { Clock } from "../clock";
import type { Config } from "../config";
import type { ResolverClass, ResolverInstances } from "../graphql/schema";
import type { Logger } from "../logger";
import { MailOutbox } from "../mail/outbox";
import { SmtpMailer } from "../mail/smtp-mailer";
import { Metrics } from "../metrics";
import type { AppPubSub } from "../pubsub/pubsub";
import { ApiTokenResolver, ApiTokenService } from "./api-tokens";
import { AuthResolver, createAuthModule, type AuthModule, type LoginThrottleOptions } from "./auth";
import { DashboardCounters, DashboardResolver, DashboardService } from "./dashboard";
import { LogLevel, LogService, LogType, startLogRetention } from "./logs";
import { LogResolver } from "./logs/log.resolver";
import {
  createOrdersModule,
  OrderItemResolver,
  OrderResolver,
  UserOrdersResolver,
  type OrderSchedulingOptions,
  type OrdersModule,
} from "./orders";
import { ProductResolver, ProductService, startProductEventRecovery } from "./products";
import { CustomerService, UserResolver, UserService } from "./users";
import { createWebhooksModule, WebhookResolver, type WebhookRuntimeOptions, type WebhooksModule } from "./webhooks";

/** What {@link buildModules} needs besides the database, which the models reach by themselves. */
export interface ModulesOptions {
  readonly config: Config;
  /** Signs the access tokens (the configuration's, checked by the caller). */
  readonly jwtSecret: string;
  /** Where mail goes (the configuration's, checked by the caller). */
  readonly smtpUrl: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly pubSub: AppPubSub;
  /** The web client's address, for the links in mails; read when a mail is written. */
  readonly publicUrl: () => string;
  readonly loginThrottle?: LoginThrottleOptions | undefined;
  readonly scheduling?: OrderSchedulingOptions | undefined;
  /** The webhook delivery runtime's switches (faster retries in tests). */
  readonly webhooks?: WebhookRuntimeOptions | undefined;
}

/** The feature modules, wired to each other, with their resolvers and their runtimes. */
export interface Modules {
  readonly logs: LogService;
  readonly users: UserService;
  readonly customers: CustomerService;
  readonly products: ProductService;
  readonly auth: AuthModule;
  readonly apiTokens: ApiTokenService;
  readonly orders: OrdersModule;
  readonly webhooks: WebhooksModule;
  /** Prometheus metrics: the operations, and the orders' figures and decisions. */
  readonly metrics: Metrics;
  /** Every resolver, built with its services, for `buildAppSchema`. */
  readonly resolvers: ResolverInstances;
  /** Starts the runtimes: the order pipeline, the dashboard feed, log retention. */
  start(): Promise<void>;
  /** Stops the runtimes, finishing the orders in flight. */
  stop(): Promise<void>;
  /** Sends the mail still queued and closes the mailer. */
  close(): Promise<void>;
}

/** Builds every service once, with its dependencies passed in, and the resolvers over them. */
export function buildModules(options: ModulesOptions): Modules {
  const { config, logger, clock, pubSub } = options;
  const logs = new LogService(pubSub, clock, logger);
  const outbox = new MailOutbox(new SmtpMailer(options.smtpUrl, config.mailFrom), logger, (message, error) => {
    void logs.record({
      type: LogType.ERROR,
      level: LogLevel.ERROR,
      message: `Could not send the mail "${message.subject}"`,
      data: { error: error instanceof Error ? error.message : String(error) },
    });
  });
  const users = new UserService(pubSub, logs, clock);
  const customers = new CustomerService(users, logs, clock);
  const apiTokens = new ApiTokenService(pubSub, logs, clock, logger, {
    rate: { perMinute: config.apiTokenRatePerMin, burst: config.apiTokenBurst },
  });
  const auth = createAuthModule(
    { users, customers, logs, outbox, clock, apiTokens },
    {
      jwtSecret: options.jwtSecret,
      jwtExpiresInSec: config.jwtExpiresInSec,
      loginThrottle: options.loginThrottle,
      publicUrl: options.publicUrl,
    },
  );
  const products = new ProductService(pubSub, logs, clock);
  // The metrics read the orders' figures at each scrape; the pipeline reports each decision.
  const metrics = new Metrics(async () => (await dashboard.orderOverview()).figures);
  const orders = createOrdersModule(
    { products, users, customers, logs, pubSub, clock, logger },
    {
      agingPerSec: config.schedulerAgingPerSec,
      concurrency: config.schedulerConcurrency,
      leaseMs: config.schedulerLeaseMs,
      delayMs: config.schedulerDelayMs,
      scheduling: options.scheduling,
      onDecided: (outcome, waitMs) => metrics.orderDecided(outcome, waitMs),
      limits: {
        customer: { perMinute: config.orderRatePerMin, burst: config.orderBurst },
        maxWaiting: config.maxWaitingOrders,
      },
    },
  );
  const webhooks = createWebhooksModule(
    { orders: orders.service, products, logs, pubSub, clock, logger },
    { allowPrivate: config.webhookAllowPrivate, timeoutMs: config.webhookTimeoutMs, runtime: options.webhooks },
  );
  const counters = new DashboardCounters(orders.service, clock, logger);
  orders.service.events.addEffect(counters.effect);
  const dashboard = new DashboardService(orders.service, counters, users, products, orders.localStats, pubSub, logger);
  let stopRetention: (() => void) | undefined;
  let stopProductEvents: (() => void) | undefined;
  return {
    logs,
    users,
    customers,
    products,
    auth,
    apiTokens,
    orders,
    webhooks,
    metrics,
    resolvers: new Map<ResolverClass, object>([
      [UserResolver, new UserResolver(users, customers)],
      [AuthResolver, auth.resolver],
      [ApiTokenResolver, new ApiTokenResolver(apiTokens)],
      [ProductResolver, new ProductResolver(products)],
      [OrderResolver, orders.resolvers.orders],
      [LogResolver, new LogResolver(logs)],
      [DashboardResolver, new DashboardResolver(dashboard)],
      [OrderItemResolver, orders.resolvers.items],
      [UserOrdersResolver, orders.resolvers.userOrders],
      [WebhookResolver, webhooks.resolver],
    ]),
    async start() {
      // The migration: counters for the orders already there, before the pipeline changes any.
      await counters.ensure();
      await orders.start();
      // Product events a crash left owed: at start-up, then every few seconds.
      await products.events.recover();
      stopProductEvents = startProductEventRecovery(products.events, 5_000, logger);
      webhooks.start();
      counters.start();
      dashboard.start();
      stopRetention = startLogRetention(logs, config.logRetentionDays, logger);
    },
    async stop() {
      stopRetention?.();
      stopProductEvents?.();
      await dashboard.stop();
      await webhooks.stop();
      await orders.stop();
      await counters.stop();
      await products.close();
      await users.close();
    },
    close: () => outbox.close(),
  };
}

import "reflect-metadata";
import { join, resolve } from "node:path";
import { startApp, type App } from "./app";
import { ConfigError, DEV_ADMIN_EMAIL, loadConfig, type Config } from "./config";
import { startEmbeddedServer, type EmbeddedServer } from "./db/embedded-server";
import { createLogger } from "./logger";
import { startMailCatcher, type MailCatcher } from "./mail/mail-catcher";

/** The built web client, served by the API at `/`. */
const CLIENT_DIR = resolve(__dirname, "..", "..", "client", "dist");

/**
 * The process entry point: configuration, the embedded database when MONGODB_URI is unset, the
 * app, and a graceful shutdown on SIGINT/SIGTERM (a second signal forces the exit).
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
  const logger = createLogger(config);
  const running: { embedded?: EmbeddedServer; app?: App; mail?: MailCatcher } = {};

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: finishing requests and shutting down`);
    try {
      await running.app?.stop();
      await running.mail?.stop();
      await running.embedded?.stop();
      logger.info("stopped cleanly");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void shutdown(signal));
  process.on("SIGTERM", (signal) => void shutdown(signal));

  let mongodbUri = config.mongodbUri;
  if (mongodbUri === undefined) {
    const embedded = await startEmbeddedServer({
      file: join(config.dataDir, "db", "orderflow.mv"),
      progress: (line) => logger.info(line),
    });
    running.embedded = embedded;
    mongodbUri = `${embedded.uri}/orderflow`;
    logger.info(`embedded database (mongo-java-server) at ${embedded.uri}, data in ${join(config.dataDir, "db")}`);
  }
  let smtpUrl = config.smtpUrl;
  if (smtpUrl === undefined) {
    const mail = await startMailCatcher();
    running.mail = mail;
    smtpUrl = mail.smtpUrl;
    logger.info(`mails are caught locally (SMTP_URL is unset) at ${mail.smtpUrl}: read them at ${mail.inboxUrl}`);
  }
  const app = await startApp({ config: { ...config, smtpUrl }, logger, mongodbUri, clientDir: CLIENT_DIR });
  running.app = app;
  logger.info(`OrderFlow is running at ${app.url}  (GraphQL API and sandbox: ${app.url}/graphql)`);
  if (config.adminEmail === DEV_ADMIN_EMAIL && config.adminPassword !== undefined) {
    logger.info(`log in as ${DEV_ADMIN_EMAIL} with the password in ${join(config.dataDir, "admin-password")}`);
  }
  if (config.demoPassword !== undefined) {
    logger.info(
      `demo customers (e.g. ada@demo.orderflow.local) log in with the password in ${join(config.dataDir, "demo-password")}`,
    );
  }
  if (process.stdout.isTTY) logger.info("press Ctrl-C to stop");
}

main().catch((error: unknown) => {
  process.stderr.write(`OrderFlow could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

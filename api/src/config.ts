import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { REPO_ROOT } from "./paths";

/** Where `npm start` keeps its data when DATA_DIR is unset: `<project root>/.orderflow`. */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, ".orderflow");

export type NodeEnv = "development" | "test" | "production";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** The process configuration, parsed once from the environment. */
export interface Config {
  readonly nodeEnv: NodeEnv;
  /** @default 4000 */
  readonly port: number;
  /** @default "127.0.0.1" outside production, "0.0.0.0" in production */
  readonly host: string;
  /** Any MongoDB URI; when unset, the embedded server is started (not in production). */
  readonly mongodbUri: string | undefined;
  /** Folder for the embedded database's file, its cache and the development JWT secret. */
  readonly dataDir: string;
  /** HS256 key; generated and kept in `dataDir` outside production when unset. */
  readonly jwtSecret: string | undefined;
  /** @default 3600 */
  readonly jwtExpiresInSec: number;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  /** Development only: demo products and customers on an empty database, the customers' password. */
  readonly demoPassword: string | undefined;
  /** Base of every link in mails; never taken from request headers. @default http://localhost:PORT */
  readonly publicUrl: string;
  /** SMTP server for mails; unset: a local mail catcher in development. */
  readonly smtpUrl: string | undefined;
  /** @default "OrderFlow <no-reply@orderflow.local>" */
  readonly mailFrom: string;
  /** Redis for pub/sub across instances; unset: in-memory pub/sub. */
  readonly redisUrl: string | undefined;
  /** @default 4 */
  readonly schedulerConcurrency: number;
  /** @default 0 */
  readonly schedulerDelayMs: number;
  /** @default 0.5 */
  readonly schedulerAgingPerSec: number;
  /** How long a worker's claim on an order lasts without renewal (crash recovery waits this long). @default 30000 */
  readonly schedulerLeaseMs: number;
  /** @default "info" */
  readonly logLevel: LogLevel;
  /** Browser origins allowed to open the WebSocket besides the API's own. @default none */
  readonly allowedOrigins: readonly string[];
  /** Orders a customer may place a minute, on average (fair use). @default 600 */
  readonly orderRatePerMin: number;
  /** Orders a customer may place at once before the rate applies. @default 50 */
  readonly orderBurst: number;
  /** Orders of one customer waiting to be decided at most. @default 100 */
  readonly maxWaitingOrders: number;
  /** Requests an API token may send a minute, on average (each HTTP request, each operation over a socket). @default 600 */
  readonly apiTokenRatePerMin: number;
  /** Requests an API token may send at once before that rate applies. @default 60 */
  readonly apiTokenBurst: number;
  /** Log entries older than this many days are removed. @default 30 */
  readonly logRetentionDays: number;
  /** Express `trust proxy` (false, true, a hop count, or addresses/subnets). @default false */
  readonly trustProxy: boolean | number | string;
  /** Webhooks may target private and loopback addresses. @default true outside production, false in production */
  readonly webhookAllowPrivate: boolean;
  /** A webhook attempt's answer must come within this. @default 10000 */
  readonly webhookTimeoutMs: number;
}

/** Thrown when the environment holds a bad value; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const NODE_ENVS: readonly NodeEnv[] = ["development", "test", "production"];

/**
 * Parses and validates the environment into a frozen Config. Pure: reads no files.
 * @throws ConfigError naming every variable with a bad value.
 */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = text(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(", ")} (got "${value}")`);
    return fallback;
  };
  const number = (
    name: string,
    fallback: number,
    { min, max, integer }: { min: number; max: number; integer: boolean },
  ): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    const kind = integer ? "an integer" : "a number";
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)) || parsed < min || parsed > max) {
      problems.push(`${name} must be ${kind} from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  };
  const url = (name: string, protocols: readonly string[]): string | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error("protocol");
      return value;
    } catch {
      problems.push(`${name} must be a URL starting with ${protocols.join(" or ")} (got "${value}")`);
      return undefined;
    }
  };
  const email = (name: string): string | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
      problems.push(`${name} must be an email address (got "${value}")`);
      return undefined;
    }
    return value.toLowerCase();
  };

  const nodeEnv = oneOf("NODE_ENV", NODE_ENVS, "development");
  const production = nodeEnv === "production";
  const port = number("PORT", 4000, { min: 0, max: 65535, integer: true });
  const mongodbUri = url("MONGODB_URI", ["mongodb:", "mongodb+srv:"]);
  const jwtSecret = text("JWT_SECRET");
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push("JWT_SECRET must be at least 32 characters long");
  }
  if (production && jwtSecret === undefined) problems.push("JWT_SECRET is required in production");
  if (production && text("SMTP_URL") === undefined) problems.push("SMTP_URL is required in production");
  if (production && mongodbUri === undefined && text("MONGODB_URI") === undefined) {
    problems.push("MONGODB_URI is required in production (the embedded database is for development)");
  }
  const adminEmail = email("ADMIN_EMAIL");
  const adminPassword = text("ADMIN_PASSWORD");
  if ((text("ADMIN_EMAIL") === undefined) !== (adminPassword === undefined)) {
    problems.push("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  }

  const config: Config = {
    nodeEnv,
    port,
    host: text("HOST") ?? (production ? "0.0.0.0" : "127.0.0.1"),
    mongodbUri,
    dataDir: resolve(text("DATA_DIR") ?? DEFAULT_DATA_DIR),
    jwtSecret,
    jwtExpiresInSec: number("JWT_EXPIRES_IN_SEC", 3600, { min: 60, max: 30 * 86400, integer: true }),
    adminEmail,
    adminPassword,
    demoPassword: undefined,
    publicUrl: (url("PUBLIC_URL", ["http:", "https:"]) ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    smtpUrl: url("SMTP_URL", ["smtp:", "smtps:"]),
    mailFrom: text("MAIL_FROM") ?? "OrderFlow <no-reply@orderflow.local>",
    redisUrl: url("REDIS_URL", ["redis:", "rediss:"]),
    schedulerConcurrency: number("SCHEDULER_CONCURRENCY", 4, { min: 1, max: 256, integer: true }),
    schedulerDelayMs: number("SCHEDULER_DELAY_MS", 0, { min: 0, max: 60_000, integer: true }),
    schedulerAgingPerSec: number("SCHEDULER_AGING_PER_SEC", 0.5, { min: 0, max: 1000, integer: false }),
    schedulerLeaseMs: number("SCHEDULER_LEASE_MS", 30_000, { min: 500, max: 3_600_000, integer: true }),
    logLevel: oneOf("LOG_LEVEL", LOG_LEVELS, nodeEnv === "test" ? "silent" : "info"),
    trustProxy: parseTrustProxy(text("TRUST_PROXY")),
    logRetentionDays: number("LOG_RETENTION_DAYS", 30, { min: 1, max: 3650, integer: true }),
    orderRatePerMin: number("ORDER_RATE_PER_MIN", 600, { min: 1, max: 1_000_000, integer: true }),
    orderBurst: number("ORDER_BURST", 50, { min: 1, max: 100_000, integer: true }),
    maxWaitingOrders: number("MAX_WAITING_ORDERS", 100, { min: 1, max: 1_000_000, integer: true }),
    webhookAllowPrivate: oneOf("WEBHOOK_ALLOW_PRIVATE", ["true", "false"], production ? "false" : "true") === "true",
    webhookTimeoutMs: number("WEBHOOK_TIMEOUT_MS", 10_000, { min: 100, max: 60_000, integer: true }),
    apiTokenRatePerMin: number("API_TOKEN_RATE_PER_MIN", 600, { min: 1, max: 1_000_000, integer: true }),
    apiTokenBurst: number("API_TOKEN_BURST", 60, { min: 1, max: 100_000, integer: true }),
    allowedOrigins: (text("ALLOWED_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter((origin) => origin !== ""),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The first admin `npm start` creates when ADMIN_EMAIL is unset in development. */
export const DEV_ADMIN_EMAIL = "admin@orderflow.local";

/**
 * Parses the environment and, outside production, supplies a JWT secret when none is set: one
 * generated once and kept in `<dataDir>/jwt-secret`, so tokens survive restarts and no fixed
 * default ever signs anything. In development without ADMIN_EMAIL, it also supplies the first
 * admin (admin@orderflow.local) with a password generated once into `<dataDir>/admin-password`.
 */
export function loadConfig(env: Env = process.env): Config {
  const config = parseConfig(env);
  const jwtSecret = config.jwtSecret ?? readOrCreateSecret(join(config.dataDir, "jwt-secret"));
  // In development, a first admin to log in with: its password is generated once and kept
  // beside the data (docs/development.md, "Running it locally").
  const development = config.nodeEnv === "development";
  const devAdmin =
    development && config.adminEmail === undefined
      ? { adminEmail: DEV_ADMIN_EMAIL, adminPassword: readOrCreateSecret(join(config.dataDir, "admin-password"), 12) }
      : {};
  const demo =
    development && env["DEMO_DATA"] !== "false"
      ? { demoPassword: readOrCreateSecret(join(config.dataDir, "demo-password"), 12) }
      : {};
  return Object.freeze({ ...config, jwtSecret, ...devAdmin, ...demo });
}

function readOrCreateSecret(path: string, bytes = 48): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(bytes).toString("base64url");
  // Written aside, then linked into place: the file appears whole or not at all, and if another
  // process linked theirs first, theirs is kept.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(path, "utf8").trim();
  } finally {
    unlinkSync(draft);
  }
}

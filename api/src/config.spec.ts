import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig, parseConfig } from "./config";

describe("parseConfig()", () => {
  it("applies the documented defaults to an empty environment", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 4000,
      host: "127.0.0.1",
      mongodbUri: undefined,
      jwtSecret: undefined,
      jwtExpiresInSec: 3600,
      publicUrl: "http://localhost:4000",
      mailFrom: "OrderFlow <no-reply@orderflow.local>",
      schedulerConcurrency: 4,
      schedulerDelayMs: 0,
      schedulerAgingPerSec: 0.5,
      logLevel: "info",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads every variable it documents", () => {
    const config = parseConfig({
      PORT: "8080",
      MONGODB_URI: "mongodb://db:27017/shop",
      JWT_SECRET: "x".repeat(40),
      ADMIN_EMAIL: "Admin@Example.com",
      ADMIN_PASSWORD: "a long admin password",
      PUBLIC_URL: "https://shop.example.com/",
      SMTP_URL: "smtp://mail:25",
      MAIL_FROM: "Shop <shop@example.com>",
      REDIS_URL: "redis://cache:6379",
      SCHEDULER_CONCURRENCY: "8",
      SCHEDULER_DELAY_MS: "300",
      SCHEDULER_AGING_PER_SEC: "1.5",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      port: 8080,
      mongodbUri: "mongodb://db:27017/shop",
      adminEmail: "admin@example.com",
      publicUrl: "https://shop.example.com",
      smtpUrl: "smtp://mail:25",
      redisUrl: "redis://cache:6379",
      schedulerConcurrency: 8,
      schedulerDelayMs: 300,
      schedulerAgingPerSec: 1.5,
      logLevel: "debug",
    });
  });

  it("names every bad variable in one error", () => {
    const parse = () =>
      parseConfig({ PORT: "eighty", SCHEDULER_CONCURRENCY: "0", MONGODB_URI: "postgres://x", LOG_LEVEL: "loud" });
    expect(parse).toThrow(ConfigError);
    try {
      parse();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(4);
      expect(problems.join("\n")).toMatch(/PORT must be an integer from 0 to 65535 \(got "eighty"\)/);
      expect(problems.join("\n")).toMatch(/SCHEDULER_CONCURRENCY/);
      expect(problems.join("\n")).toMatch(/MONGODB_URI/);
      expect(problems.join("\n")).toMatch(/LOG_LEVEL/);
    }
  });

  it("requires JWT_SECRET and MONGODB_URI in production", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(
      /JWT_SECRET is required[\s\S]*MONGODB_URI is required/,
    );
  });

  it("refuses a short JWT_SECRET", () => {
    expect(() => parseConfig({ JWT_SECRET: "short" })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it("wants ADMIN_EMAIL and ADMIN_PASSWORD together", () => {
    expect(() => parseConfig({ ADMIN_EMAIL: "a@b.c" })).toThrow(/must be set together/);
    expect(() => parseConfig({ ADMIN_PASSWORD: "secret secret" })).toThrow(/must be set together/);
  });
});

describe("loadConfig()", () => {
  it("generates a JWT secret once, keeps it private in the data folder and reuses it", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "orderflow-config-"));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret).toHaveLength(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(join(dataDir, "jwt-secret"), "utf8").trim()).toBe(first.jwtSecret);
    expect(statSync(join(dataDir, "jwt-secret")).mode & 0o777).toBe(0o600);
  });

  it("uses JWT_SECRET when it is set", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "orderflow-config-"));
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: "s".repeat(32) }).jwtSecret).toBe("s".repeat(32));
  });
});

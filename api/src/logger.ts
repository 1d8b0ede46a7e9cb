import pino, { type Logger } from "pino";
import type { Config } from "./config";

export type { Logger };

/**
 * The process logger: JSON lines (one object per event) for machines, pretty lines when a person
 * watches a development terminal.
 */
export function createLogger(config: Pick<Config, "logLevel" | "nodeEnv">): Logger {
  const pretty = config.nodeEnv === "development" && process.stdout.isTTY;
  return pino({
    name: "orderflow",
    level: config.logLevel,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"],
      censor: "[redacted]",
    },
    ...(pretty
      ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss.l", ignore: "pid,hostname,name" } } }
      : {}),
  });
}

import type { Logger } from "../../logger";
import type { LogService } from "./log.service";

/**
 * Removes log entries older than `retentionDays`, now and then hourly (the embedded server has
 * no TTL indexes). Returns the function that stops it.
 */
export function startLogRetention(logs: LogService, retentionDays: number, logger: Logger): () => void {
  const purge = () =>
    void logs
      .purgeOlderThan(retentionDays)
      .then((removed) => removed > 0 && logger.info({ removed }, "old log entries removed"))
      .catch((error: unknown) => logger.error({ err: error }, "log retention failed"));
  purge();
  const timer = setInterval(purge, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

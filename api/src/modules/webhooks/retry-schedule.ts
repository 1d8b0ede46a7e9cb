/** How a delivery is retried; the defaults retry for about a day (docs/webhooks.md). */
export interface RetrySchedule {
  /** Delay before the first retry. @default 10_000 */
  readonly baseMs: number;
  /** Each further retry waits this many times longer. @default 4 */
  readonly factor: number;
  /** No wait is longer than this. @default 8 hours */
  readonly capMs: number;
  /** Attempts in all, the first included; then the delivery has FAILED. @default 10 */
  readonly maxAttempts: number;
  /** Each wait is moved by up to this fraction either way, so retries of many deliveries spread. @default 0.2 */
  readonly jitter: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  baseMs: 10_000,
  factor: 4,
  capMs: 8 * 3_600_000,
  maxAttempts: 10,
  jitter: 0.2,
};

/**
 * The wait after failed attempt number `attempt` (1-based), or null when it was the last:
 * `min(cap, base × factor^(attempt−1))`, moved by ±jitter. With the defaults: 10 s, 40 s, 2.7 min,
 * 10.7 min, 43 min, 2.8 h, 8 h, 8 h, 8 h — 27.8 h from the first attempt to the tenth.
 * @param random a number in [0, 1) (Math.random in production; fixed in tests)
 */
export function retryDelayMs(schedule: RetrySchedule, attempt: number, random: number): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  const nominal = Math.min(schedule.capMs, schedule.baseMs * schedule.factor ** (attempt - 1));
  return Math.round(nominal * (1 + schedule.jitter * (2 * random - 1)));
}

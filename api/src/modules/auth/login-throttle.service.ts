import type { Clock } from "../../clock";
import { TooManyRequestsError } from "../../graphql/errors";
import { LoginThrottleModel } from "./login-throttle.model";

/** When failures lock a key, and for how long. */
export interface ThrottlePolicy {
  /** Failures within the window before the first lock. */
  readonly threshold: number;
  /** The first lock; each further failure doubles it, up to `maxLockMs`. */
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  readonly windowMs: number;
}

export interface LoginThrottleOptions {
  /** @default 5 failures in 15 min, then 30 s doubling up to 15 min */
  readonly account?: ThrottlePolicy;
  /** @default 50 failures in 15 min, then 60 s doubling up to 15 min */
  readonly ip?: ThrottlePolicy;
}

const MINUTE = 60_000;
const DEFAULT_ACCOUNT: ThrottlePolicy = {
  threshold: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * MINUTE,
  windowMs: 15 * MINUTE,
};
const DEFAULT_IP: ThrottlePolicy = { threshold: 50, baseLockMs: 60_000, maxLockMs: 15 * MINUTE, windowMs: 15 * MINUTE };

/**
 * Throttles failed logins per account and per IP address, in the database so every instance sees
 * the same counts. Locks are temporary and back off exponentially (OWASP): they slow guessing
 * down without locking an owner out for good, and a password reset clears the account's lock.
 */
export class LoginThrottleService {
  private readonly account: ThrottlePolicy;
  private readonly ip: ThrottlePolicy;

  constructor(
    private readonly clock: Clock,
    options: LoginThrottleOptions = {},
  ) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.ip = options.ip ?? DEFAULT_IP;
  }

  /** @throws TooManyRequestsError while the account or the address is locked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const locked = await LoginThrottleModel.find({
      _id: { $in: [accountKey(email), ipKey(ip)] },
      lockedUntil: { $gt: now },
    }).exec();
    if (locked.length === 0) return;
    const until = Math.max(...locked.map((l) => l.lockedUntil!.getTime()));
    throw new TooManyRequestsError(Math.ceil((until - now.getTime()) / 1000));
  }

  /** Counts a failed login against the account and the address. */
  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.count(accountKey(email), this.account), this.count(ipKey(ip), this.ip)]);
  }

  /** Forgets the account's failures (after a successful login or a password reset). */
  async clear(email: string): Promise<void> {
    await LoginThrottleModel.deleteOne({ _id: accountKey(email) }).exec();
  }

  private async count(key: string, policy: ThrottlePolicy): Promise<void> {
    const now = this.clock.now();
    const failures = await this.increment(key, policy, now);
    if (failures < policy.threshold) return;
    const lockMs = Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (failures - policy.threshold));
    const until = new Date(now.getTime() + lockMs);
    await LoginThrottleModel.updateOne(
      { _id: key, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: until } }] },
      { $set: { lockedUntil: until } },
    ).exec();
  }

  /** Adds one failure to the key's current window (starting a new window when it has passed). */
  private async increment(key: string, policy: ThrottlePolicy, now: Date): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inWindow = await LoginThrottleModel.findOneAndUpdate(
        { _id: key, windowStart: { $gt: new Date(now.getTime() - policy.windowMs) } },
        { $inc: { failures: 1 } },
        { new: true },
      ).exec();
      if (inWindow !== null) return inWindow.failures;
      try {
        const fresh = await LoginThrottleModel.findOneAndUpdate(
          { _id: key, $or: [{ windowStart: { $lte: new Date(now.getTime() - policy.windowMs) } }] },
          { $set: { failures: 1, windowStart: now, lockedUntil: null } },
          { new: true, upsert: true },
        ).exec();
        if (fresh !== null) return fresh.failures;
      } catch (error) {
        // Another failure created the window first: count ours in it.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    return 0;
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

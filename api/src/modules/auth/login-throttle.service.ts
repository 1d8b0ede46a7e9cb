import type { Clock } from "../../clock";
import { isDuplicateKeyError } from "../../db/duplicate-key";
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

type Key = { readonly id: string; readonly policy: ThrottlePolicy };

/**
 * Throttles password and code guesses per account and per IP address, in the database so every
 * instance sees the same counts (OWASP): after `threshold` failures a key is locked for a while
 * that doubles with each further failure, up to a maximum, so guessing slows down without locking
 * an owner out for good; a password reset clears the account's lock.
 *
 * Each attempt is reserved before the credentials are checked (`begin`) and settled after
 * (`failed`, `succeeded`, `release`), so concurrent guesses count too: no more attempts run at
 * once than failures are left before the lock, and at least one.
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

  /**
   * Reserves an attempt for the account and the address.
   * @throws TooManyRequestsError while either is locked, or when too many attempts run at once.
   */
  async begin(email: string, ip: string): Promise<void> {
    await this.assertAllowed(email, ip);
    const keys = this.keys(email, ip);
    const reserved: Key[] = [];
    for (const key of keys) {
      const entry = await this.reserve(key);
      reserved.push(key);
      // Past the threshold, an attempt runs only once the lock it earned has been served (a
      // concurrent attempt may see the failure before the lock is written).
      const lockPending =
        entry.failures >= key.policy.threshold && (entry.lockedUntil === null || entry.lockedUntil > this.clock.now());
      if (lockPending || entry.inFlight > Math.max(key.policy.threshold - entry.failures, 1)) {
        await Promise.all(reserved.map((k) => this.settle(k, 0)));
        throw new TooManyRequestsError(1);
      }
    }
  }

  /** The reserved attempt failed: one more failure, and a lock once the threshold is reached. */
  async failed(email: string, ip: string): Promise<void> {
    await Promise.all(this.keys(email, ip).map((key) => this.settle(key, 1)));
  }

  /** The reserved attempt succeeded: the account's failures are forgotten. */
  async succeeded(email: string, ip: string): Promise<void> {
    const [account, address] = this.keys(email, ip);
    await Promise.all([this.clearKey(account.id), this.settle(address, 0)]);
  }

  /** The reserved attempt neither failed nor succeeded (a TOTP code is still needed, say). */
  async release(email: string, ip: string): Promise<void> {
    await Promise.all(this.keys(email, ip).map((key) => this.settle(key, 0)));
  }

  /** @throws TooManyRequestsError while the account or the address is locked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const ids = this.keys(email, ip).map((key) => key.id);
    const locked = await LoginThrottleModel.find({ _id: { $in: ids }, lockedUntil: { $gt: now } }).exec();
    if (locked.length === 0) return;
    const until = Math.max(...locked.map((l) => l.lockedUntil!.getTime()));
    throw new TooManyRequestsError(Math.ceil((until - now.getTime()) / 1000));
  }

  /** Counts one failed attempt that was not reserved (same effect as begin + failed). */
  async recordFailure(email: string, ip: string): Promise<void> {
    for (const key of this.keys(email, ip)) {
      await this.reserve(key);
      await this.settle(key, 1);
    }
  }

  /** Forgets the account's failures and lock (after a successful login or a password reset). */
  async clear(email: string): Promise<void> {
    await this.clearKey(accountKey(email));
  }

  private keys(email: string, ip: string): Key[] {
    return [
      { id: accountKey(email), policy: this.account },
      { id: ipKey(ip), policy: this.ip },
    ];
  }

  /** One more attempt in flight, in the key's current window (a new window once it has passed). */
  private async reserve(key: Key): Promise<{ failures: number; inFlight: number; lockedUntil: Date | null }> {
    const now = this.clock.now();
    const windowOpen = new Date(now.getTime() - key.policy.windowMs);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await LoginThrottleModel.findOneAndUpdate(
        { _id: key.id, windowStart: { $gt: windowOpen } },
        { $inc: { inFlight: 1 } },
        { returnDocument: "after" },
      ).exec();
      if (current !== null) return current;
      try {
        const fresh = await LoginThrottleModel.findOneAndUpdate(
          { _id: key.id, $or: [{ windowStart: { $lte: windowOpen } }] },
          { $set: { failures: 0, inFlight: 1, windowStart: now, lockedUntil: null } },
          { returnDocument: "after", upsert: true },
        ).exec();
        if (fresh !== null) return fresh;
      } catch (error) {
        // Another attempt opened the window first: join it.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new TooManyRequestsError(1);
  }

  /** Ends a reserved attempt, adding `failures`; locks the key once the threshold is reached. */
  private async settle(key: Key, failures: number): Promise<void> {
    const entry = await LoginThrottleModel.findOneAndUpdate(
      { _id: key.id },
      { $inc: { inFlight: -1, failures } },
      { returnDocument: "after" },
    ).exec();
    if (entry === null || failures === 0 || entry.failures < key.policy.threshold) return;
    const { policy } = key;
    const lockMs = Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (entry.failures - policy.threshold));
    const until = new Date(this.clock.now().getTime() + lockMs);
    await LoginThrottleModel.updateOne(
      { _id: key.id, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: until } }] },
      { $set: { lockedUntil: until } },
    ).exec();
  }

  private async clearKey(id: string): Promise<void> {
    await LoginThrottleModel.deleteOne({ _id: id }).exec();
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

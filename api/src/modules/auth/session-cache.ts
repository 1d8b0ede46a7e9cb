import { BoundedMap } from "../../lib/bounded-map";
import type { Role } from "../users";

export interface SessionCacheOptions {
  /**
   * How long an entry is believed without a read. Revocations reach every instance through
   * pub/sub at once; this bounds the damage of one lost on its way (Redis down). @default 30000
   */
  readonly ttlMs?: number;
  /** The most users remembered; the oldest go first. @default 10000 */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly version: number;
  readonly role: Role;
  readonly until: number;
}

/**
 * Who a token's user is, read from the database once per token version rather than on every
 * request. Every change of a user's tokenVersion (logout, password change or reset, deletion) is
 * announced; `forget` drops the user at once, and a read that was under way when a revocation
 * arrived is not remembered, so a revoked token is never believed again.
 */
export class SessionCache {
  private readonly entries: BoundedMap<string, Entry>;
  /** Counts revocations: a read remembers its result only if none arrived while it ran. */
  private revocations = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: SessionCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.entries = new BoundedMap(options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  /** The user's role, when the user is known to be active at this token version. */
  role(userId: string, version: number): Role | undefined {
    const entry = this.entries.get(userId);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.version === version ? entry.role : undefined;
  }

  /**
   * Call before reading the user: the function it returns remembers what the read found, unless a
   * revocation arrived meanwhile (the read may have seen the version before it).
   */
  beginRead(): (userId: string, version: number, role: Role) => void {
    const revocations = this.revocations;
    return (userId, version, role) => {
      if (this.revocations !== revocations) return;
      this.entries.set(userId, { version, role, until: this.now() + this.ttlMs });
    };
  }

  /** The user's tokens were revoked: read them again. */
  forget(userId: string): void {
    this.revocations += 1;
    this.entries.delete(userId);
  }

  get size(): number {
    return this.entries.size;
  }
}

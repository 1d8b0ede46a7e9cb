import { BoundedMap } from "../../lib/bounded-map";

/** What a token's record says, as far as using it goes. */
export interface TokenGrant {
  readonly id: string;
  readonly createdBy: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
}

interface Entry {
  readonly grant: TokenGrant;
  readonly until: number;
}

/**
 * The tokens this instance has read, by hash, so a busy integrator costs no read per request.
 * Revocations reach every instance through pub/sub at once (`forget`); a read under way when one
 * arrives is not remembered, so a revoked token is never believed again. The time limit bounds the
 * damage of an announcement lost on its way (Redis down).
 */
export class ApiTokenCache {
  private readonly entries = new BoundedMap<string, Entry>(10_000);
  private revocations = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 30_000,
  ) {}

  /** The grant of the token with this hash, when it was read less than `ttlMs` ago. */
  get(hash: string): TokenGrant | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.grant;
    this.entries.delete(hash);
    return undefined;
  }

  /** Call before reading a token: the function it returns remembers what the read found, unless a revocation arrived meanwhile. */
  beginRead(): (hash: string, grant: TokenGrant) => void {
    const revocations = this.revocations;
    return (hash, grant) => {
      if (this.revocations === revocations) this.entries.set(hash, { grant, until: this.now() + this.ttlMs });
    };
  }

  /** The token was revoked: read it again (so find it refused). */
  forget(tokenId: string): void {
    this.revocations += 1;
    for (const [hash, entry] of this.entries) if (entry.grant.id === tokenId) this.entries.delete(hash);
  }
}

import { ReadCache } from "../../lib/read-cache";

/** What a token's record says, as far as using it goes. */
export interface TokenGrant {
  readonly id: string;
  readonly createdBy: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
}

/**
 * The tokens this instance has read, by hash, so a busy integrator costs no read per request.
 * Revocations reach every instance through pub/sub at once (`forgetToken`); a read under way when
 * one arrives is not remembered, so a revoked token is never believed again.
 */
export class ApiTokenCache extends ReadCache<TokenGrant> {
  constructor(now: () => number, ttlMs = 30_000) {
    super(now, ttlMs);
  }

  /** The token was revoked: read it again (so find it refused). */
  forgetToken(tokenId: string): void {
    this.forgetWhere((grant) => grant.id === tokenId);
  }
}

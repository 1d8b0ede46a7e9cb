import type { Types } from "mongoose";
import { ReadCache } from "../../lib/read-cache";
import type { CustomerTier, Role } from "./role";

/** What placing an order needs of the account it is for. */
export interface AccountFacts {
  readonly _id: Types.ObjectId;
  readonly role: Role;
  readonly tier: CustomerTier;
}

/**
 * The role and tier of active accounts, kept from the reads so that placing an order usually
 * costs no read of its customer. Any change of an account other than its money (tier, profile,
 * deletion, revocation), announced here or by another instance, makes it read again; money moves
 * by orders, which are most changes, leave it. A read under way when a change arrives is not kept.
 * The time limit bounds the effect of an announcement lost on its way (Redis down). Until a change
 * from another instance arrives (a moment), an order is placed as it would have been just before
 * it; one for a customer deleted meanwhile is rejected when its budget is held.
 */
export class AccountFactsCache {
  private readonly kept: ReadCache<AccountFacts>;

  constructor(
    now: () => number,
    /** Reads the active (not deleted) account with this id. */
    private readonly read: (id: Types.ObjectId) => Promise<AccountFacts | null>,
    ttlMs = 30_000,
  ) {
    this.kept = new ReadCache(now, ttlMs);
  }

  /** The active account with this id; null when unknown or deleted. */
  async find(id: Types.ObjectId): Promise<AccountFacts | null> {
    const key = id.toHexString();
    const known = this.kept.get(key);
    if (known !== undefined) return known;
    const keep = this.kept.beginRead();
    const facts = await this.read(id);
    if (facts !== null) keep(key, facts);
    return facts;
  }

  /** The account changed (not only its money): read it again next time. */
  forget(userId: string): void {
    this.kept.forget(userId);
  }
}

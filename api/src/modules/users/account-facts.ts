import type { Types } from "mongoose";
import { BoundedMap } from "../../lib/bounded-map";
import type { CustomerTier, Role } from "./role";

/** What placing an order needs of the account it is for. */
export interface AccountFacts {
  readonly _id: Types.ObjectId;
  readonly role: Role;
  readonly tier: CustomerTier;
}

interface Entry {
  readonly facts: AccountFacts;
  readonly until: number;
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
  private readonly entries = new BoundedMap<string, Entry>(10_000);
  private changes = 0;

  constructor(
    private readonly now: () => number,
    /** Reads the active (not deleted) account with this id. */
    private readonly read: (id: Types.ObjectId) => Promise<AccountFacts | null>,
    private readonly ttlMs = 30_000,
  ) {}

  /** The active account with this id; null when unknown or deleted. */
  async find(id: Types.ObjectId): Promise<AccountFacts | null> {
    const key = id.toHexString();
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.until > this.now()) return entry.facts;
    const changes = this.changes;
    const facts = await this.read(id);
    if (facts !== null && this.changes === changes) this.entries.set(key, { facts, until: this.now() + this.ttlMs });
    return facts;
  }

  /** The account changed (not only its money): read it again next time. */
  forget(userId: string): void {
    this.changes += 1;
    this.entries.delete(userId);
  }
}

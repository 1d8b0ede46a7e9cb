import type { Types } from "mongoose";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import type { Clock } from "../../clock";
import { HoldLedger, type HolderDocument } from "../../db/hold-ledger";
import { parseObjectId } from "../../db/object-id";
import { noSeam, type Seam } from "../../lib/seam";
import { ConflictError, ForbiddenError, NotFoundError } from "../../graphql/errors";
import type { Viewer } from "../../graphql/viewer";
import { Topic, type AppPubSub } from "../../pubsub/pubsub";
import { LogType, type LogService } from "../logs";
import { AccountFactsCache, type AccountFacts } from "./account-facts";
import { assertStrongPassword, hashPassword } from "./password";
import { CustomerTier, Role } from "./role";
import { UserModel, type UserDocument } from "./user.model";
import { assertBudget, normalizeEmail, normalizeName } from "./validation";

/** The budget each load-test account starts with ($1,000,000). */
const LOAD_TEST_BUDGET_CENTS = 100_000_000;

/** What a new account starts with. */
export interface NewAccount {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly tier?: CustomerTier;
  readonly budgetCents?: number;
  /** Accounts made by an admin or from configuration count as verified. */
  readonly verified: boolean;
  /** A TOTP secret chosen at registration, active once confirmed with a code. */
  readonly pendingTotpSecret?: string;
}

/**
 * The user records and their account-level changes: creation, verification, credentials, TOTP
 * state, session revocation and the profile. Admin management of customers is CustomerService.
 */
export class UserService {
  /** Budget holds of order processing (DESIGN.md steps 3, 5, 6, 7); they also move totalSpentCents. */
  readonly budgetHolds: HoldLedger;

  private readonly revocationListeners: Array<(userId: string) => void> = [];
  /** Role and tier for placing orders, forgotten on every change announced by any instance. */
  private readonly facts: AccountFactsCache;
  private readonly accountChanges: Array<AsyncIterableIterator<unknown>>;

  constructor(
    private readonly pubSub: AppPubSub,
    private readonly logs: LogService,
    private readonly clock: Clock,
    seam: Seam = noSeam,
  ) {
    this.budgetHolds = new HoldLedger({
      name: "budget",
      collection: UserModel.db.collection<HolderDocument>(UserModel.collection.collectionName),
      availableField: "budgetCents",
      amountKey: "amountCents",
      spentField: "totalSpentCents",
      seam,
      // Orders taking, giving back and refunding budget: the customer sees it live. Load-test
      // accounts never log in, so their thousands of changes are not published.
      onAvailableChanged: (doc) => {
        if (doc["testAccount"] !== true) this.announceChange(doc._id.toHexString(), { moneyOnly: true });
      },
      announcedFields: ["testAccount"],
    });
    this.facts = new AccountFactsCache(
      () => clock.now().getTime(),
      (_id) => UserModel.findOne({ _id, deletedAt: null }, { role: 1, tier: 1 }).lean<AccountFacts>().exec(),
    );
    // Every instance's announcements; nothing is queued.
    this.accountChanges = [
      pubSub.subscribe(Topic.USER_UPDATED, (event) => {
        if (event.moneyOnly !== true) this.facts.forget(event.userId);
        return false;
      }),
      pubSub.subscribe(Topic.SESSION_REVOKED, (event) => {
        this.facts.forget(event.userId);
        return false;
      }),
    ];
  }

  /** The role and tier of the active account with this id, usually without a read; null when unknown or deleted. */
  accountFacts(id: Types.ObjectId): Promise<AccountFacts | null> {
    return this.facts.find(id);
  }

  /** Stops following announced changes. */
  async close(): Promise<void> {
    for (const changes of this.accountChanges) await changes.return?.();
  }

  /** The user with this id unless it is deleted; null for an unknown or malformed id. */
  async findActiveById(id: string | Types.ObjectId): Promise<UserDocument | null> {
    const _id = typeof id === "string" ? parseObjectId(id) : id;
    return _id === null ? null : UserModel.findOne({ _id, deletedAt: null }).exec();
  }

  /** Any user with this id, deleted or not (orders and logs still show deleted users). */
  async findById(id: Types.ObjectId): Promise<UserDocument | null> {
    return UserModel.findById(id).exec();
  }

  /** Users by id, deleted or not, in no particular order (for DataLoaders). */
  async findByIds(ids: readonly Types.ObjectId[]): Promise<UserDocument[]> {
    return UserModel.find({ _id: { $in: ids } }).exec();
  }

  /** The active user with this email (any case), or null. */
  async findActiveByEmail(email: string): Promise<UserDocument | null> {
    return UserModel.findOne({ emailKey: email.trim().toLowerCase(), deletedAt: null }).exec();
  }

  /**
   * Creates an account after checking name, email and password strength.
   * @throws BadUserInputError for a bad field; ConflictError when the email is taken.
   */
  async createAccount(account: NewAccount): Promise<UserDocument> {
    const name = normalizeName(account.name);
    const email = normalizeEmail(account.email);
    assertStrongPassword(account.password, [name, email, ...email.split(/[@.]/)]);
    const budgetCents = account.budgetCents ?? 0;
    assertBudget(budgetCents, "budgetCents");
    try {
      return await UserModel.create({
        name,
        email,
        emailKey: email,
        passwordHash: await hashPassword(account.password),
        role: account.role,
        tier: account.tier ?? CustomerTier.STANDARD,
        budgetCents,
        depositedCents: budgetCents,
        emailVerifiedAt: account.verified ? this.clock.now() : null,
        totpSecret: account.pendingTotpSecret ?? null,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError("An account with this email already exists.");
      throw error;
    }
  }

  /** Marks the email verified (idempotent). */
  async markEmailVerified(userId: Types.ObjectId): Promise<void> {
    await UserModel.updateOne(
      { _id: userId, emailVerifiedAt: null },
      { $set: { emailVerifiedAt: this.clock.now() } },
    ).exec();
  }

  /**
   * Sets a new password (checked for strength) and revokes every token issued before.
   * @returns the user with its new tokenVersion.
   */
  async changePassword(user: UserDocument, newPassword: string): Promise<UserDocument> {
    assertStrongPassword(newPassword, [user.name, user.email], "newPassword");
    const passwordHash = await hashPassword(newPassword);
    const updated = await UserModel.findOneAndUpdate(
      { _id: user._id, deletedAt: null },
      { $set: { passwordHash }, $inc: { tokenVersion: 1 } },
      { returnDocument: "after" },
    ).exec();
    if (updated === null) throw new NotFoundError("User", user.id);
    this.announceRevocation(updated);
    return updated;
  }

  /** Revokes every token of the user (logout): they stop working at once, on every instance. */
  async revokeSessions(userId: Types.ObjectId): Promise<void> {
    const updated = await UserModel.findOneAndUpdate(
      { _id: userId },
      { $inc: { tokenVersion: 1 } },
      { returnDocument: "after" },
    ).exec();
    if (updated !== null) this.announceRevocation(updated);
  }

  /** Tells the user's own `viewerUpdated` subscribers, on every instance, that their account changed. */
  announceChange(userId: string, options: { moneyOnly?: boolean } = {}): void {
    if (options.moneyOnly === true) {
      this.pubSub.publish(Topic.USER_UPDATED, { userId, moneyOnly: true });
      return;
    }
    this.facts.forget(userId);
    this.pubSub.publish(Topic.USER_UPDATED, { userId });
  }

  /**
   * The caller's own account as it is now (for `viewerUpdated` events).
   * @throws NotFoundError once the account is deleted.
   */
  async requireActive(userId: string): Promise<UserDocument> {
    const user = await this.findActiveById(userId);
    if (user === null) throw new NotFoundError("User", userId);
    return user;
  }

  /** Runs, on this instance and at once, whenever a user's tokens are revoked here. */
  onRevocation(listener: (userId: string) => void): void {
    this.revocationListeners.push(listener);
  }

  /**
   * The user's tokens were revoked: tells this instance's listeners at once, and every instance
   * (this one too) through pub/sub, which closes the user's subscription sockets.
   */
  announceRevocation(user: UserDocument): void {
    for (const listener of this.revocationListeners) listener(user.id);
    this.facts.forget(user.id);
    this.pubSub.publish(Topic.SESSION_REVOKED, { userId: user.id });
  }

  /**
   * Takes the user's mail slot: true at most once per `intervalMs`, so verification and reset mails
   * cannot be used to flood an inbox.
   */
  async claimMailSlot(userId: Types.ObjectId, intervalMs: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await UserModel.updateOne(
      { _id: userId, $or: [{ lastMailAt: null }, { lastMailAt: { $lte: new Date(now.getTime() - intervalMs) } }] },
      { $set: { lastMailAt: now } },
    ).exec();
    return result.modifiedCount === 1;
  }

  /** Stores a TOTP secret awaiting its first code (2FA stays off until then). */
  async setPendingTotpSecret(userId: Types.ObjectId, secret: string): Promise<void> {
    const result = await UserModel.updateOne(
      { _id: userId, totpEnabled: false },
      { $set: { totpSecret: secret, totpLastStep: null } },
    ).exec();
    if (result.modifiedCount === 1) this.announceChange(userId.toHexString());
  }

  /**
   * Records that a TOTP code of time step `step` was accepted; false when this or a later step was
   * already used (a replay). Atomic, so of two concurrent uses of one code only one succeeds.
   */
  async claimTotpStep(userId: Types.ObjectId, step: number): Promise<boolean> {
    const result = await UserModel.updateOne(
      { _id: userId, $or: [{ totpLastStep: null }, { totpLastStep: { $lt: step } }] },
      { $set: { totpLastStep: step } },
    ).exec();
    return result.modifiedCount === 1;
  }

  /** Turns 2FA on or off; off also forgets the secret. */
  async setTotpEnabled(userId: Types.ObjectId, enabled: boolean): Promise<UserDocument> {
    const update = enabled
      ? { $set: { totpEnabled: true } }
      : { $set: { totpEnabled: false, totpSecret: null, totpLastStep: null } };
    const updated = await UserModel.findOneAndUpdate({ _id: userId, deletedAt: null }, update, {
      returnDocument: "after",
    }).exec();
    if (updated === null) throw new NotFoundError("User", userId.toHexString());
    this.announceChange(updated.id);
    return updated;
  }

  /** Changes the caller's own display name. */
  async updateProfile(viewer: Viewer, name: string): Promise<UserDocument> {
    const clean = normalizeName(name);
    const updated = await UserModel.findOneAndUpdate(
      { _id: viewer.id, deletedAt: null },
      { $set: { name: clean } },
      { returnDocument: "after" },
    ).exec();
    if (updated === null) throw new NotFoundError("User", viewer.id);
    this.announceChange(updated.id);
    await this.logs.record({
      type: LogType.USER,
      message: `${updated.email} changed their name`,
      actorId: viewer.id,
      userId: viewer.id,
    });
    return updated;
  }

  /** Active customers, and how many of them are PREMIUM. */
  async customerCounts(): Promise<{ customers: number; premium: number }> {
    const rows = await UserModel.aggregate<{ _id: CustomerTier; n: number }>([
      { $match: { role: Role.CUSTOMER, deletedAt: null, testAccount: { $ne: true } } },
      { $group: { _id: "$tier", n: { $sum: 1 } } },
    ]).exec();
    return {
      customers: rows.reduce((sum, r) => sum + r.n, 0),
      premium: rows.find((r) => r._id === CustomerTier.PREMIUM)?.n ?? 0,
    };
  }

  /**
   * The load-test customers random orders are placed for, creating the missing ones: `count` of
   * them, a third PREMIUM, each with a large budget and a password hash nothing matches (they
   * cannot log in). Real customers are never touched by generated orders.
   */
  async loadTestCustomers(count: number): Promise<UserDocument[]> {
    const now = this.clock.now();
    for (let i = 1; i <= count; i++) {
      const email = `load-test-${i}@orderflow.invalid`;
      try {
        await UserModel.updateOne(
          { emailKey: email },
          {
            $setOnInsert: {
              name: `Load test ${i}`,
              email,
              emailKey: email,
              passwordHash: "!",
              role: Role.CUSTOMER,
              tier: i % 3 === 0 ? CustomerTier.PREMIUM : CustomerTier.STANDARD,
              budgetCents: LOAD_TEST_BUDGET_CENTS,
              depositedCents: LOAD_TEST_BUDGET_CENTS,
              emailVerifiedAt: now,
              testAccount: true,
            },
          },
          { upsert: true },
        ).exec();
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // created at the same moment elsewhere
      }
    }
    return UserModel.find({ testAccount: true, deletedAt: null }).limit(count).exec();
  }

  /**
   * A user as the viewer may see them: admins see anyone, others only themselves.
   * @returns null for an unknown id (to admins).
   * @throws ForbiddenError for another user's id, known or not, to non-admins.
   */
  async getVisible(viewer: Viewer, id: string): Promise<UserDocument | null> {
    if (viewer.role !== Role.ADMIN && viewer.id !== id) throw new ForbiddenError("You can only see your own account.");
    const _id = parseObjectId(id);
    return _id === null ? null : UserModel.findById(_id).exec();
  }
}

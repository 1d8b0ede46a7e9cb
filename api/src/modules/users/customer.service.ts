import type { Types } from "mongoose";
import type { Clock } from "../../clock";
import { parseObjectId } from "../../db/object-id";
import { formatMoney, formatMoneyChange } from "../../lib/money";
import { type Connection, paginate, type PageArgs } from "../../graphql/connection";
import type { Viewer } from "../../graphql/viewer";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../graphql/errors";
import { LogType, type LogService } from "../logs";
import { CustomerTier, Role } from "./role";
import { UserModel, type UserDocument, type UserEntity } from "./user.model";
import type { UserService } from "./user.service";
import { assertBudget, MAX_BUDGET_CENTS } from "./validation";

export interface CustomerFilter {
  readonly tier?: CustomerTier | null;
  /** Part of the name or email, any case. */
  readonly search?: string | null;
  /** Also the load-test accounts. @default false */
  readonly includeTestAccounts?: boolean | null;
}

export interface NewCustomer {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly tier?: CustomerTier | null;
  readonly budgetCents?: number | null;
}

/** Runs when a customer is deleted, before their tokens are revoked (e.g. to cancel their pending orders). */
export type CustomerDeletedHook = (customerId: Types.ObjectId, actor: Viewer) => Promise<void>;

const MAX_CAS_ATTEMPTS = 20;

/**
 * Admin management of customers: listing, creation, deletion, budgets and tiers. Budgets change
 * only by conditional single-document updates, so concurrent changes and order processing never
 * overdraw or lose an update (DESIGN.md, step 8).
 */
export class CustomerService {
  private readonly deletedHooks: CustomerDeletedHook[] = [];

  constructor(
    private readonly users: UserService,
    private readonly logs: LogService,
    private readonly clock: Clock,
  ) {}

  /** Adds work to do whenever a customer is deleted. */
  onCustomerDeleted(hook: CustomerDeletedHook): void {
    this.deletedHooks.push(hook);
  }

  /** Active users, newest first, filtered by tier and by a search over name and email. */
  async list(filter: CustomerFilter | null | undefined, page: PageArgs): Promise<Connection<UserDocument>> {
    const query: Record<string, unknown> = { deletedAt: null };
    if (filter?.includeTestAccounts !== true) query["testAccount"] = { $ne: true };
    if (filter?.tier) query["tier"] = filter.tier;
    const search = filter?.search?.trim();
    if (search) {
      if (search.length > 100) throw new BadUserInputError("search must be at most 100 characters.", "search");
      const pattern = new RegExp(escapeRegExp(search), "i");
      query["$or"] = [{ name: pattern }, { email: pattern }];
    }
    return paginate<UserEntity & { _id: Types.ObjectId }>(UserModel, query, page, {
      defaultSize: 20,
      timeField: "createdAt",
    }) as Promise<Connection<UserDocument>>;
  }

  /** Creates a customer whose email counts as verified. */
  async create(actor: Viewer, input: NewCustomer): Promise<UserDocument> {
    const customer = await this.users.createAccount({
      name: input.name,
      email: input.email,
      password: input.password,
      role: Role.CUSTOMER,
      tier: input.tier ?? CustomerTier.STANDARD,
      budgetCents: input.budgetCents ?? 0,
      verified: true,
    });
    await this.logs.record({
      type: LogType.USER,
      message: `Customer ${customer.email} added (${customer.tier}, budget ${formatMoney(customer.budgetCents)})`,
      actorId: actor.id,
      userId: customer._id,
      data: { tier: customer.tier, budgetCents: customer.budgetCents },
    });
    return customer;
  }

  /**
   * Soft-deletes a customer: their tokens stop working and their open sockets close, their
   * pending orders are cancelled, and their orders and logs still show them.
   * @throws ForbiddenError when an admin tries to delete itself; BAD_USER_INPUT for a non-customer.
   */
  async delete(actor: Viewer, id: string): Promise<boolean> {
    if (actor.id === id) throw new ForbiddenError("You cannot delete your own account.");
    const customer = await this.requireCustomer(id);
    const deleted = await UserModel.findOneAndUpdate(
      { _id: customer._id, deletedAt: null },
      { $set: { deletedAt: this.clock.now(), emailKey: `deleted:${customer.id}` }, $inc: { tokenVersion: 1 } },
      { returnDocument: "after" },
    ).exec();
    if (deleted === null) throw new NotFoundError("Customer", id);
    this.users.announceRevocation(deleted);
    for (const hook of this.deletedHooks) await hook(deleted._id, actor);
    await this.logs.record({
      type: LogType.USER,
      message: `Customer ${deleted.email} deleted`,
      actorId: actor.id,
      userId: deleted._id,
    });
    return true;
  }

  /**
   * Sets the available budget. Compare-and-set on the value read (retried when an order or another
   * admin changed it meanwhile), so the difference is known and added to depositedCents.
   */
  async setBudget(actor: Viewer, userId: string, budgetCents: number): Promise<UserDocument> {
    assertBudget(budgetCents, "budgetCents");
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const customer = await this.requireCustomer(userId);
      const delta = budgetCents - customer.budgetCents;
      const updated = await UserModel.findOneAndUpdate(
        { _id: customer._id, deletedAt: null, budgetCents: customer.budgetCents },
        { $set: { budgetCents }, $inc: { depositedCents: delta } },
        { returnDocument: "after" },
      ).exec();
      if (updated !== null) {
        this.users.announceChange(updated.id);
        await this.logBudget(actor, updated, `Budget of ${updated.email} set to ${formatMoney(budgetCents)}`, delta);
        return updated;
      }
    }
    throw new ConflictError("The budget kept changing while it was being set; please try again.");
  }

  /**
   * Adds `deltaCents` (may be negative) to the available budget in one conditional update: never
   * below zero, never above the cap.
   */
  async adjustBudget(actor: Viewer, userId: string, deltaCents: number): Promise<UserDocument> {
    if (!Number.isSafeInteger(deltaCents) || Math.abs(deltaCents) > MAX_BUDGET_CENTS) {
      throw new BadUserInputError(
        `deltaCents must be a whole number of cents within ±${MAX_BUDGET_CENTS}.`,
        "deltaCents",
      );
    }
    const customer = await this.requireCustomer(userId);
    const bound = deltaCents < 0 ? { $gte: -deltaCents } : { $lte: MAX_BUDGET_CENTS - deltaCents };
    const updated = await UserModel.findOneAndUpdate(
      { _id: customer._id, deletedAt: null, budgetCents: bound },
      { $inc: { budgetCents: deltaCents, depositedCents: deltaCents } },
      { returnDocument: "after" },
    ).exec();
    if (updated === null) {
      const current = await this.requireCustomer(userId);
      throw new BadUserInputError(
        deltaCents < 0
          ? `The budget cannot go below zero: ${formatMoney(current.budgetCents)} is available.`
          : `The budget cannot exceed ${formatMoney(MAX_BUDGET_CENTS)}.`,
        "deltaCents",
      );
    }
    this.users.announceChange(updated.id);
    await this.logBudget(
      actor,
      updated,
      `Budget of ${updated.email} adjusted by ${formatMoneyChange(deltaCents)}`,
      deltaCents,
    );
    return updated;
  }

  /** Changes a customer's tier (PREMIUM orders are scheduled first). */
  async setTier(actor: Viewer, userId: string, tier: CustomerTier): Promise<UserDocument> {
    const customer = await this.requireCustomer(userId);
    const updated = await UserModel.findOneAndUpdate(
      { _id: customer._id, deletedAt: null },
      { $set: { tier } },
      { returnDocument: "after" },
    ).exec();
    if (updated === null) throw new NotFoundError("Customer", userId);
    this.users.announceChange(updated.id);
    await this.logs.record({
      type: LogType.USER,
      message: `Tier of ${updated.email} changed from ${customer.tier} to ${tier}`,
      actorId: actor.id,
      userId: updated._id,
      data: { from: customer.tier, to: tier },
    });
    return updated;
  }

  private async requireCustomer(id: string): Promise<UserDocument> {
    const _id = parseObjectId(id);
    const user = _id === null ? null : await this.users.findActiveById(_id);
    if (user === null) throw new NotFoundError("Customer", id);
    if (user.role !== Role.CUSTOMER) throw new BadUserInputError("That user is not a customer.", "userId");
    return user;
  }

  private async logBudget(actor: Viewer, user: UserDocument, message: string, deltaCents: number): Promise<void> {
    await this.logs.record({
      type: LogType.USER,
      message,
      actorId: actor.id,
      userId: user._id,
      data: { deltaCents, budgetCents: user.budgetCents },
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

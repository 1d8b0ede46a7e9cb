import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { BoundedMap } from "../../lib/bounded-map";
import { TooManyRequestsError } from "../../graphql/errors";
import { UserModel } from "../users/user.model";
import { OrderStatus } from "./order-status";
import { OrderModel } from "./order.model";

/** A rate: `perMinute` on average, up to `burst` at once. */
export interface Rate {
  readonly perMinute: number;
  readonly burst: number;
}

export interface PlacementLimitOptions {
  /** A customer's own placements. */
  readonly customer: Rate;
  /** Orders of a customer waiting to be decided (PENDING or PROCESSING) at most. */
  readonly maxWaiting: number;
  /** An admin's placements (for customers). @default ten times the customer's rate */
  readonly admin?: Rate;
  /** Orders an admin may generate with generateRandomOrders. @default 20,000 a minute, 10,000 at once */
  readonly generated?: Rate;
}

/** The user document fields that hold each bucket's theoretical arrival time (GCRA), in ms. */
type BucketField = "placeTat" | "generateTat";

/** How long this instance believes a customer's waiting list full once found so, without looking. */
const FULL_BELIEVED_MS = 1_000;

/** An order id younger than this and not stored yet may still be on its way in: it keeps its place. */
const INSERT_GRACE_MS = 60_000;

/**
 * Fair use of the order queue, shared by every instance through the user documents:
 * - a token bucket per caller (the generic cell rate algorithm: one number per bucket, the time
 *   at which the bucket is full again, moved by one conditional update per placement), answered
 *   with TOO_MANY_REQUESTS and the seconds until the next placement fits;
 * - at most `maxWaiting` undecided orders per customer: the ids sit in the customer's
 *   `openOrders`, added in the same update as the bucket's, so both hold together. Ids are taken
 *   out lazily: when the list is full, the orders in it that are decided (or were never stored)
 *   leave it, and the placement is tried once more.
 */
export class PlacementLimits {
  private readonly admin: Rate;
  private readonly generated: Rate;
  /**
   * Where each bucket was last seen on this instance (its theoretical arrival time, about): a
   * bucket in use is tried as in use first, so a steady stream of placements costs one update each.
   */
  private readonly seen = new BoundedMap<string, number>(10_000);
  /** Customers whose waiting list was found full, until when this instance believes it still is. */
  private readonly full = new BoundedMap<string, { until: number; waiting: number }>(10_000);

  constructor(
    private readonly clock: Clock,
    private readonly options: PlacementLimitOptions,
  ) {
    this.admin = options.admin ?? {
      perMinute: options.customer.perMinute * 10,
      burst: options.customer.burst * 10,
    };
    this.generated = options.generated ?? { perMinute: 20_000, burst: 10_000 };
  }

  /**
   * Refuses at once, with no database command, a placement this instance already knows would be
   * refused: its caller's bucket seen empty here, or the customer's waiting list seen full less
   * than a second ago. A flood must not cost the database what the orders it delays need.
   */
  precheck(callerId: Types.ObjectId, isAdmin: boolean): void {
    const now = this.clock.now().getTime();
    const full = this.full.get(callerId.toHexString());
    if (!isAdmin && full !== undefined && full.until > now) throw waitingFull(full.waiting);
    const wait = this.emptyFor(
      `${callerId.toHexString()}:placeTat`,
      1,
      isAdmin ? this.admin : this.options.customer,
      now,
    );
    if (wait !== undefined) throw tooFast(wait);
  }

  /** Admits a customer's own order, or throws TOO_MANY_REQUESTS. */
  async admitCustomerOrder(customerId: Types.ObjectId, orderId: Types.ObjectId): Promise<void> {
    const cap = Math.max(1, this.options.maxWaiting);
    const room = { [`openOrders.${cap - 1}`]: { $exists: false } };
    for (let attempt = 0; attempt < 2; attempt++) {
      const taken = await this.take(customerId, "placeTat", 1, this.options.customer, room, {
        $addToSet: { openOrders: orderId },
      });
      if (taken === true) return;
      const user = await UserModel.findById(customerId, { openOrders: 1 }).lean().exec();
      const waiting = user?.openOrders ?? [];
      if (waiting.length < cap) throw tooFast(taken);
      if (attempt === 0 && (await this.dropDecided(customerId, waiting)) > 0) continue;
      const now = this.clock.now().getTime();
      this.full.set(customerId.toHexString(), { until: now + FULL_BELIEVED_MS, waiting: waiting.length });
      throw waitingFull(waiting.length);
    }
  }

  /** Admits an order an admin places (for a customer), or throws TOO_MANY_REQUESTS. */
  async admitAdminOrder(adminId: Types.ObjectId): Promise<void> {
    const taken = await this.take(adminId, "placeTat", 1, this.admin);
    if (taken !== true) throw tooFast(taken);
  }

  /** Admits `count` generated orders, or throws TOO_MANY_REQUESTS. */
  async admitGenerated(adminId: Types.ObjectId, count: number): Promise<void> {
    const taken = await this.take(adminId, "generateTat", count, this.generated);
    if (taken !== true) throw tooFast(taken);
  }

  /**
   * Takes `cost` from the caller's bucket (GCRA): allowed when, after it, the bucket would be full
   * again at most `burst` intervals from now. Two conditional updates cover both cases of
   * max(tat, now): a bucket at rest (set) and a bucket in use (increment).
   * @returns true, or the ms until it would be allowed.
   */
  private async take(
    userId: Types.ObjectId,
    field: BucketField,
    cost: number,
    rate: Rate,
    filter: Record<string, unknown> = {},
    update: Record<string, unknown> = {},
  ): Promise<true | number> {
    const interval = 60_000 / rate.perMinute;
    const now = this.clock.now().getTime();
    if (cost > rate.burst) return Math.ceil((cost - rate.burst) * interval);
    const key = `${userId.toHexString()}:${field}`;
    const known = this.emptyFor(key, cost, rate, now);
    if (known !== undefined) return known;
    const atRest = async () =>
      (
        await UserModel.updateOne(
          { _id: userId, ...filter, $or: [{ [field]: null }, { [field]: { $lte: now } }] },
          { $set: { [field]: now + cost * interval }, ...update },
        ).exec()
      ).matchedCount === 1;
    const inUse = async () =>
      (
        await UserModel.updateOne(
          { _id: userId, ...filter, [field]: { $gt: now, $lte: now + (rate.burst - cost) * interval } },
          { $inc: { [field]: cost * interval }, ...update },
        ).exec()
      ).matchedCount === 1;
    const seen = this.seen.get(key);
    const order = seen !== undefined && seen > now ? [inUse, atRest] : [atRest, inUse];
    for (const attempt of order) {
      if (await attempt()) {
        this.seen.set(key, Math.max(seen ?? now, now) + cost * interval);
        return true;
      }
    }
    const user = await UserModel.findById(userId, { [field]: 1 })
      .lean()
      .exec();
    const tat = user?.[field] ?? now;
    this.seen.set(key, tat);
    return Math.max(1, tat + cost * interval - rate.burst * interval - now);
  }

  /**
   * The ms until the bucket takes `cost` again, when where it was last seen here already says so:
   * a bucket only fills over time (any instance's takes move it further), so that is a lower bound.
   */
  private emptyFor(key: string, cost: number, rate: Rate, now: number): number | undefined {
    const seen = this.seen.get(key);
    const interval = 60_000 / rate.perMinute;
    if (seen === undefined || seen <= now + (rate.burst - cost) * interval) return undefined;
    return Math.max(1, seen + cost * interval - rate.burst * interval - now);
  }

  /** Takes out of the customer's waiting list the orders that are decided or were never stored. */
  private async dropDecided(customerId: Types.ObjectId, waiting: readonly Types.ObjectId[]): Promise<number> {
    const orders = await OrderModel.find({ _id: { $in: waiting } }, { status: 1 })
      .lean()
      .exec();
    const status = new Map(orders.map((order) => [order._id.toHexString(), order.status]));
    const now = this.clock.now().getTime();
    const done = waiting.filter((id) => {
      const current = status.get(id.toHexString());
      if (current === undefined) return id.getTimestamp().getTime() < now - INSERT_GRACE_MS;
      return current !== OrderStatus.PENDING && current !== OrderStatus.PROCESSING;
    });
    if (done.length > 0) await UserModel.updateOne({ _id: customerId }, { $pullAll: { openOrders: done } }).exec();
    return done.length;
  }
}

function waitingFull(waiting: number): TooManyRequestsError {
  return new TooManyRequestsError(
    5,
    `You have ${waiting} orders waiting to be decided, the most allowed at once. Try again when some are decided.`,
  );
}

function tooFast(waitMs: number): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new TooManyRequestsError(seconds, `Orders are being placed too quickly. Try again in ${seconds} s.`);
}

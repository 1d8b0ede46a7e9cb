import { Types } from "mongoose";
import type { Clock } from "../../clock";
import { BoundedMap } from "../../lib/bounded-map";
import { RateBuckets, type Rate } from "../../db/rate-buckets";
import { TooManyRequestsError } from "../../graphql/errors";
import { UserModel } from "../users/user.model";
import { OrderStatus } from "./order-status";
import { OrderModel } from "./order.model";

export type { Rate } from "../../db/rate-buckets";

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
  /** The callers' buckets, on their user documents (see {@link RateBuckets}). */
  private readonly buckets: RateBuckets<BucketField>;
  /** Customers whose waiting list was found full, until when this instance believes it still is. */
  private readonly full = new BoundedMap<string, { until: number; waiting: number }>(10_000);

  constructor(
    private readonly clock: Clock,
    private readonly options: PlacementLimitOptions,
  ) {
    this.buckets = new RateBuckets(UserModel, clock);
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
    const wait = this.buckets.knownWait(callerId, "placeTat", 1, isAdmin ? this.admin : this.options.customer);
    if (wait !== undefined) throw tooFast(wait);
  }

  /** Admits a customer's own order, or throws TOO_MANY_REQUESTS. */
  async admitCustomerOrder(customerId: Types.ObjectId, orderId: Types.ObjectId): Promise<void> {
    const cap = Math.max(1, this.options.maxWaiting);
    const room = { [`openOrders.${cap - 1}`]: { $exists: false } };
    for (let attempt = 0; attempt < 2; attempt++) {
      const taken = await this.buckets.take(customerId, "placeTat", 1, this.options.customer, room, {
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
    const taken = await this.buckets.take(adminId, "placeTat", 1, this.admin);
    if (taken !== true) throw tooFast(taken);
  }

  /** Admits `count` generated orders, or throws TOO_MANY_REQUESTS. */
  async admitGenerated(adminId: Types.ObjectId, count: number): Promise<void> {
    const taken = await this.buckets.take(adminId, "generateTat", count, this.generated);
    if (taken !== true) throw tooFast(taken);
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

import type { Types } from "mongoose";
import type { Clock } from "../clock";
import { BoundedMap } from "../lib/bounded-map";

/** A rate: `perMinute` on average, up to `burst` at once. */
export interface Rate {
  readonly perMinute: number;
  readonly burst: number;
}

/** The few model methods the buckets use (a typegoose or mongoose model has them). */
export interface BucketModel {
  updateOne(
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): { exec(): Promise<{ matchedCount: number }> };
  findById(id: Types.ObjectId, projection: Record<string, number>): { lean(): { exec(): Promise<unknown> } };
}

/**
 * Token buckets kept on database documents, shared by every instance: the generic cell rate
 * algorithm, one number per bucket (a document field holding the time, in ms, at which the bucket
 * is full again), moved by one conditional update per take.
 */
export class RateBuckets<Field extends string> {
  /**
   * Where each bucket was last seen on this instance (its theoretical arrival time, about): a
   * bucket in use is tried as in use first, so a steady stream of takes costs one update each.
   */
  private readonly seen = new BoundedMap<string, number>(10_000);

  constructor(
    private readonly model: BucketModel,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes `cost` from the bucket in `field` of document `id` (GCRA): allowed when, after it, the
   * bucket would be full again at most `burst` intervals from now. Two conditional updates cover
   * both cases of max(tat, now): a bucket at rest (set) and a bucket in use (increment). `filter`
   * and `update` join both updates (conditions and effects that must hold together with the take).
   * @returns true, or the ms until it would be allowed.
   */
  async take(
    id: Types.ObjectId,
    field: Field,
    cost: number,
    rate: Rate,
    filter: Record<string, unknown> = {},
    update: Record<string, unknown> = {},
  ): Promise<true | number> {
    const interval = 60_000 / rate.perMinute;
    const now = this.clock.now().getTime();
    if (cost > rate.burst) return Math.ceil((cost - rate.burst) * interval);
    const key = `${id.toHexString()}:${field}`;
    const known = this.emptyFor(key, cost, rate, now);
    if (known !== undefined) return known;
    const atRest = async () =>
      (
        await this.model
          .updateOne(
            { _id: id, ...filter, $or: [{ [field]: null }, { [field]: { $lte: now } }] },
            { $set: { [field]: now + cost * interval }, ...update },
          )
          .exec()
      ).matchedCount === 1;
    const inUse = async () =>
      (
        await this.model
          .updateOne(
            { _id: id, ...filter, [field]: { $gt: now, $lte: now + (rate.burst - cost) * interval } },
            { $inc: { [field]: cost * interval }, ...update },
          )
          .exec()
      ).matchedCount === 1;
    const seen = this.seen.get(key);
    const order = seen !== undefined && seen > now ? [inUse, atRest] : [atRest, inUse];
    for (const attempt of order) {
      if (await attempt()) {
        this.seen.set(key, Math.max(seen ?? now, now) + cost * interval);
        return true;
      }
    }
    const doc = (await this.model
      .findById(id, { [field]: 1 })
      .lean()
      .exec()) as Record<string, unknown> | null;
    const stored = doc?.[field];
    const tat = typeof stored === "number" ? stored : now;
    this.seen.set(key, tat);
    return Math.max(1, tat + cost * interval - rate.burst * interval - now);
  }

  /**
   * The ms until the bucket takes `cost` again, when where it was last seen here already says so
   * (no database command); undefined when it may take it now.
   */
  knownWait(id: Types.ObjectId, field: Field, cost: number, rate: Rate): number | undefined {
    return this.emptyFor(`${id.toHexString()}:${field}`, cost, rate, this.clock.now().getTime());
  }

  /**
   * A bucket only fills over time (any instance's takes move it further), so where it was last
   * seen here is a lower bound of how long it stays empty.
   */
  private emptyFor(key: string, cost: number, rate: Rate, now: number): number | undefined {
    const seen = this.seen.get(key);
    const interval = 60_000 / rate.perMinute;
    if (seen === undefined || seen <= now + (rate.burst - cost) * interval) return undefined;
    return Math.max(1, seen + cost * interval - rate.burst * interval - now);
  }
}

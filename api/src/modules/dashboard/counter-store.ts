import type { mongo } from "mongoose";
import { bulkWriteErrors } from "../../db/bulk-write-errors";
import { isDuplicateKeyError } from "../../db/duplicate-key";
import { addCounts, emptyCounts, SHARDS, type Counts } from "./counter-deltas";
import {
  CounterBucketModel,
  CounterTotalsModel,
  TOTALS_ID,
  type CounterBucketEntity,
  type CounterTotalsEntity,
} from "./counter.model";

/** One counting of an event (or of a batch of "placed" events) in its minute and shard. */
export interface Application {
  readonly minute: number;
  readonly shard: number;
  /** Recorded with the counts: this application is done once the key is there. */
  readonly key: string;
  /** Keys meaning this application is already counted (a batch's, for one of its orders). */
  readonly covers: readonly string[];
  /** Keys meaning part of it is counted another way: then it is not applied (false). */
  readonly conflicts: readonly string[];
  readonly n: Partial<Counts>;
}

export const bucketId = (minute: number, shard: number): string => `${minute}:${shard}`;

/** `{ "n.open": 1, … }`: the non-zero fields, for `$inc`. */
const incOf = (n: Partial<Counts>) =>
  Object.fromEntries(Object.entries(n).flatMap(([field, value]) => (value ? [[`n.${field}`, value]] : [])));

/** `$inc` of `n` when it holds anything, plus the rest of the update. */
const withInc = (n: Partial<Counts>, rest: Record<string, unknown>) => {
  const inc = incOf(n);
  return Object.keys(inc).length > 0 ? { $inc: inc, ...rest } : rest;
};

/** The conditional upsert that counts an application in its bucket, unless a guarding key is there. */
const countingUpsert = (a: Application) => ({
  filter: {
    _id: bucketId(a.minute, a.shard),
    sealed: false as const,
    applied: { $nin: [a.key, ...a.covers, ...a.conflicts] },
  },
  update: withInc(a.n, { $push: { applied: a.key }, $setOnInsert: { minute: new Date(a.minute) } }),
});

type Bucket = CounterBucketEntity;
type Totals = CounterTotalsEntity;

/**
 * The counters' documents. Every write is one conditional single-document update that is
 * idempotent by a key the document keeps, so retries, recovery and concurrent instances count
 * each event once without transactions.
 */
export class CounterStore {
  private get buckets(): mongo.Collection<Bucket> {
    return CounterBucketModel.collection as unknown as mongo.Collection<Bucket>;
  }

  private get totalsDoc(): mongo.Collection<Totals> {
    return CounterTotalsModel.collection as unknown as mongo.Collection<Totals>;
  }

  /** The totals, or null before the migration counted the orders. */
  totals(): Promise<Totals | null> {
    return this.totalsDoc.findOne({ _id: TOTALS_ID });
  }

  /** Starts the counters with the migration's figures; false when another instance did first. */
  async start(totals: Omit<Totals, "_id">): Promise<boolean> {
    try {
      await this.totalsDoc.insertOne({ _id: TOTALS_ID, ...totals });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Counts the application in its bucket, unless its key (or a covering one) is there; in a
   * sealed bucket, in the totals' late list instead. True once counted, by this call or before.
   */
  async apply(a: Application): Promise<boolean> {
    const _id = bucketId(a.minute, a.shard);
    const guard = [a.key, ...a.covers, ...a.conflicts];
    // A refused upsert is a duplicate key; a concurrent upsert of a new bucket is one too: retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const { filter, update } = countingUpsert(a);
        await this.buckets.updateOne(filter, update, { upsert: true });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (await this.holds(_id, [a.key, ...a.covers])) return true;
      if (a.conflicts.length > 0 && (await this.holds(_id, a.conflicts))) return false;
      const bucket = await this.buckets.findOne({ _id }, { projection: { sealed: 1 } });
      if (bucket !== null && bucket.sealed !== false) return this.applyLate(a, guard);
    }
    return false;
  }

  /**
   * `apply` for several applications in one command: each as the same conditional upsert, in one
   * unordered bulk write. Those it could not count at once (their bucket is new to two writers,
   * sealed, or already holds the key) go through `apply` one by one, which tells them apart.
   */
  async applyMany(applications: readonly Application[]): Promise<boolean[]> {
    const refused = new Set<number>();
    try {
      await this.buckets.bulkWrite(
        applications.map((a) => ({
          updateOne: { ...countingUpsert(a), upsert: true },
        })),
        { ordered: false },
      );
    } catch (error) {
      const writeErrors = bulkWriteErrors(error);
      if (writeErrors === null) throw error;
      for (const { index, code } of writeErrors) {
        if (code !== 11000) throw error;
        refused.add(index);
      }
    }
    return Promise.all(applications.map((a, i) => (refused.has(i) ? this.apply(a) : Promise.resolve(true))));
  }

  /** The figures of every bucket not yet in the totals (the totals read first). */
  async unabsorbed(totals: Totals): Promise<Bucket[]> {
    const buckets = await this.buckets
      .find(
        { $or: [{ minute: { $gt: totals.rolledUpTo } }, { sealed: { $ne: "rollup" } }] },
        { projection: { applied: 0 } },
      )
      .toArray();
    return buckets.filter((bucket) => !totals.lateBuckets.includes(bucket._id));
  }

  /** Buckets the roll-up may absorb: those before `before`, and stragglers behind the mark. */
  candidates(totals: Totals, before: number): Promise<Array<Pick<Bucket, "_id" | "minute" | "sealed">>> {
    return this.buckets
      .find(
        {
          $or: [
            { minute: { $gt: totals.rolledUpTo, $lt: new Date(before) } },
            { minute: { $lte: totals.rolledUpTo }, sealed: { $ne: "rollup" } },
          ],
        },
        { projection: { minute: 1, sealed: 1 } },
      )
      .toArray();
  }

  /**
   * Seals every shard of the minute (creating the missing ones sealed, so that no event can land
   * there any more), then adds their figures to the totals and moves the mark to it, once.
   */
  async absorbMinute(minute: number): Promise<void> {
    const ids = Array.from({ length: SHARDS }, (_, shard) => bucketId(minute, shard));
    for (const _id of ids) {
      try {
        await this.buckets.updateOne(
          { _id, sealed: false },
          { $set: { sealed: "rollup" }, $setOnInsert: { minute: new Date(minute), applied: [] } },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // sealed already
      }
    }
    const n = await this.sum(ids);
    await this.totalsDoc.updateOne(
      { _id: TOTALS_ID, rolledUpTo: { $lt: new Date(minute) } },
      withInc(n, { $set: { rolledUpTo: new Date(minute) } }),
    );
  }

  /** A bucket that appeared behind the mark: sealed, then added to the totals once by its id. */
  async absorbStraggler(_id: string): Promise<void> {
    await this.buckets.updateOne({ _id, sealed: false }, { $set: { sealed: "late" } });
    const n = await this.sum([_id]);
    await this.totalsDoc.updateOne(
      { _id: TOTALS_ID, lateBuckets: { $ne: _id } },
      withInc(n, { $push: { lateBuckets: _id } }),
    );
  }

  private async applyLate(a: Application, guard: readonly string[]): Promise<boolean> {
    const result = await this.totalsDoc.updateOne(
      { _id: TOTALS_ID, late: { $nin: [...guard] } },
      withInc(a.n, { $push: { late: a.key } }),
    );
    if (result.matchedCount === 1) return true;
    const covered = await this.totalsDoc.findOne(
      { _id: TOTALS_ID, late: { $in: [a.key, ...a.covers] } },
      { projection: { _id: 1 } },
    );
    return covered !== null;
  }

  private async holds(_id: string, keys: readonly string[]): Promise<boolean> {
    return (await this.buckets.findOne({ _id, applied: { $in: [...keys] } }, { projection: { _id: 1 } })) !== null;
  }

  private async sum(ids: readonly string[]): Promise<Partial<Counts>> {
    const buckets = await this.buckets.find({ _id: { $in: [...ids] } }, { projection: { n: 1 } }).toArray();
    return buckets.reduce((total, bucket) => addCounts(total, bucket.n), emptyCounts());
  }
}

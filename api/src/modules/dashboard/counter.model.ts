import { getModelForClass, index, modelOptions, prop, Severity } from "@typegoose/typegoose";
import type { Counts } from "./counter-deltas";

/** How a bucket was closed: by the roll-up in minute order, or as a straggler found behind it. */
export type SealKind = "rollup" | "late";

/**
 * The events of one minute in one shard: their figures (`n`) and the key of every event counted
 * here (`applied`), so that applying an event twice changes nothing. Kept once sealed: the keys
 * are what turns a late re-application into nothing.
 */
@modelOptions({
  schemaOptions: { collection: "dashboard_buckets", versionKey: false },
  options: { customName: "DashboardBucket", allowMixed: Severity.ALLOW },
})
@index({ minute: 1 })
@index({ sealed: 1, minute: 1 })
export class CounterBucketEntity {
  /** `<minute ms>:<shard>` */
  @prop({ required: true })
  _id!: string;

  @prop({ required: true })
  minute!: Date;

  /** false while events may still be counted here. */
  @prop({ type: () => Object, default: false })
  sealed!: false | SealKind;

  @prop({ type: () => Object })
  n?: Partial<Counts>;

  @prop({ type: () => [String], default: [] })
  applied!: string[];
}

/**
 * Everything before the high-water mark `rolledUpTo` (sealed buckets absorbed in minute order),
 * plus what the migration counted (`recent`: its decisions per minute, for the throughput chart)
 * and the few events and buckets that arrived behind the mark (`late`, `lateBuckets`).
 */
@modelOptions({
  schemaOptions: { collection: "dashboard_totals", versionKey: false },
  options: { customName: "DashboardTotals", allowMixed: Severity.ALLOW },
})
export class CounterTotalsEntity {
  @prop({ required: true })
  _id!: string;

  @prop({ type: () => Object, required: true })
  n!: Counts;

  @prop({ required: true })
  rolledUpTo!: Date;

  /** Minute (ms, as a string) → the migration's figures of the decisions in that minute. */
  @prop({ type: () => Object, default: {} })
  recent!: Record<string, Partial<Counts>>;

  @prop({ type: () => [String], default: [] })
  late!: string[];

  @prop({ type: () => [String], default: [] })
  lateBuckets!: string[];
}

export const CounterBucketModel = getModelForClass(CounterBucketEntity);
export const CounterTotalsModel = getModelForClass(CounterTotalsEntity);
export const TOTALS_ID = "totals";
